//! `chitieu cache clean`: removes the parsed-unit cache.

use chitieu::dataset::Cache;
use chitieu::i18n::{Msg, t};

use super::error;
use crate::cli::{CacheAction, CacheArgs};

pub fn run(args: CacheArgs) -> u8 {
    match args.action {
        CacheAction::Clean => {
            let cache = Cache::new(Cache::chosen_dir(args.root.as_deref().unwrap_or(std::path::Path::new(""))));
            let dir = chitieu::diagnostic::shown_path(cache.dir());
            match cache.clean() {
                Ok(cleaned) if cleaned.found => {
                    println!("{}", t(Msg::CacheCleaned { dir: &dir, count: cleaned.entries }));
                    if cleaned.kept {
                        println!("{}", t(Msg::CacheKept { dir: &dir }));
                    }
                    0
                }
                Ok(_) => {
                    println!("{}", t(Msg::CacheNone { dir: &dir }));
                    0
                }
                Err(e) => {
                    error(&t(Msg::CannotWrite { error: &format!("{dir}: {e}") }));
                    2
                }
            }
        }
    }
}
