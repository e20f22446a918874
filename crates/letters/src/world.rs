//! The closed world a letter is compiled in: three virtual files and the embedded fonts.
//!
//! Typst asks its `World` for every file, font and the date. Ours answers with exactly
//! `/letter.typ` (the letter's template), `/base.typ` (the shared layout) and `/data.json` (the
//! letter's data); any other path is "not found". So a template, even an administrator's
//! override, cannot read the server's files, and nothing is ever downloaded: there are no
//! packages. Fonts and the standard library are built once per process ([`Assets`]), since a
//! letter is rendered for every step of every complaint.

use std::path::PathBuf;
use std::sync::{LazyLock, OnceLock};

use jiff::civil::Date;
use typst::diag::{FileError, FileResult};
use typst::foundations::{Bytes, Datetime, Duration};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};

use crate::kind::BASE_SOURCE;

/// The letter's own template.
pub const LETTER_PATH: &str = "/letter.typ";
/// The shared layout.
pub const BASE_PATH: &str = "/base.typ";
/// The letter's data, as built by [`crate::view`].
pub const DATA_PATH: &str = "/data.json";

struct Ids {
    letter: FileId,
    base: FileId,
    data: FileId,
}

static IDS: LazyLock<Ids> = LazyLock::new(|| Ids {
    letter: file_id(LETTER_PATH),
    base: file_id(BASE_PATH),
    data: file_id(DATA_PATH),
});

fn file_id(path: &str) -> FileId {
    let vpath = VirtualPath::new(path).expect("a fixed, valid virtual path");
    RootedPath::new(VirtualRoot::Project, vpath).intern()
}

/// What every compilation shares: the standard library, the fonts, the parsed base layout.
struct Assets {
    library: LazyHash<Library>,
    book: LazyHash<FontBook>,
    fonts: Vec<Font>,
    base: Source,
}

fn assets() -> &'static Assets {
    static ASSETS: OnceLock<Assets> = OnceLock::new();
    ASSETS.get_or_init(|| {
        let fonts: Vec<Font> = typst_assets::fonts()
            .flat_map(|data| Font::iter(Bytes::new(data)))
            .collect();
        Assets {
            library: LazyHash::new(Library::builder().build()),
            book: LazyHash::new(FontBook::from_fonts(&fonts)),
            fonts,
            base: Source::new(IDS.base, BASE_SOURCE.to_owned()),
        }
    })
}

/// Builds the shared assets now rather than on the first letter (e.g. at server start).
pub fn warm_up() {
    let _ = assets();
}

/// One letter's world: its template, the base layout and its data.
pub struct LetterWorld {
    assets: &'static Assets,
    letter: Source,
    data: Bytes,
    today: Date,
}

impl LetterWorld {
    /// A world whose main file is `template`, reading `data` as `/data.json`. `today` answers
    /// Typst's `datetime.today()`: the dagtekening, so a letter renders the same every time.
    pub fn new(template: &str, data: Vec<u8>, today: Date) -> Self {
        LetterWorld {
            assets: assets(),
            letter: Source::new(IDS.letter, template.to_owned()),
            data: Bytes::new(data),
            today,
        }
    }

    fn not_found(id: FileId) -> FileError {
        FileError::NotFound(PathBuf::from(id.vpath().get_with_slash()))
    }
}

impl World for LetterWorld {
    fn library(&self) -> &LazyHash<Library> {
        &self.assets.library
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &self.assets.book
    }

    fn main(&self) -> FileId {
        IDS.letter
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == IDS.letter {
            Ok(self.letter.clone())
        } else if id == IDS.base {
            Ok(self.assets.base.clone())
        } else {
            Err(Self::not_found(id))
        }
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if id == IDS.data {
            Ok(self.data.clone())
        } else if id == IDS.letter || id == IDS.base {
            Ok(Bytes::from_string(self.source(id)?.text().to_owned()))
        } else {
            Err(Self::not_found(id))
        }
    }

    fn font(&self, index: usize) -> Option<Font> {
        self.assets.fonts.get(index).cloned()
    }

    fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
        let d = self.today;
        Datetime::from_ymd(
            i32::from(d.year()),
            d.month().try_into().ok()?,
            d.day().try_into().ok()?,
        )
    }
}
