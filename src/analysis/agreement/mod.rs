//! Inter-coder agreement (being written).
