//! Readable, unique ids for what an import creates: the id recorded in
//! `briefmark.json` when there is one, else a slug of the name.

use std::collections::HashSet;

use crate::model::Codebook;

/// Hands out ids once each. Ids that `briefmark.json` promises to items
/// still to come are reserved, so a slug made earlier cannot take them.
#[derive(Default)]
pub(crate) struct Ids {
    used: HashSet<String>,
    reserved: HashSet<String>,
}

impl Ids {
    pub(crate) fn reserve(&mut self, id: &str) {
        self.reserved.insert(id.to_owned());
    }

    /// `preferred` if it is still free, else a fresh slug of `name`.
    pub(crate) fn take(&mut self, preferred: Option<&str>, name: &str) -> String {
        if let Some(id) = preferred.filter(|id| !id.is_empty() && !self.used.contains(*id)) {
            self.used.insert(id.to_owned());
            return id.to_owned();
        }
        let base = slug(name);
        let mut id = base.clone();
        let mut n = 2;
        while self.used.contains(&id) || self.reserved.contains(&id) {
            id = format!("{base}-{n}");
            n += 1;
        }
        self.used.insert(id.clone());
        id
    }
}

/// The slug `Codebook::fresh_id` makes of a name ("Économie & Trade" →
/// "économie-trade", "code" when nothing is left).
pub(crate) fn slug(name: &str) -> String {
    Codebook::default().fresh_id(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn preferred_ids_win_then_slugs_avoid_them() {
        let mut ids = Ids::default();
        ids.reserve("trade");
        assert_eq!(ids.take(None, "Trade"), "trade-2");
        assert_eq!(ids.take(Some("trade"), "Whatever"), "trade");
        assert_eq!(ids.take(Some("trade"), "Trade"), "trade-3");
        assert_eq!(ids.take(None, "!!"), "code");
    }
}
