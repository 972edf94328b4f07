fn main() -> std::process::ExitCode {
    briefmark::cli::main()
}
