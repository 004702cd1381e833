//! `cargo xtask`: the maintainer's commands (stub: the xtask work fills this in).

fn main() {}
