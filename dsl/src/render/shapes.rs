//! The process-wide cache of rendered SQL, keyed by statement shape.
//!
//! Two statements have the same *shape* when they differ only in their bound values: the same
//! tables, columns, operators and clauses, as many placeholders in the same places. Their SQL
//! is the same, so it is written once per process and shared: a statement is walked once to
//! record its shape (a [`ShapeKey`]) and collect its parameters, and only a shape not seen
//! before is walked again to write its text.
//!
//! The key is exact, not a hash: each token the walk writes is recorded as the text it stands
//! for, or, for text fixed in the program (keywords, the names of generated tables and
//! columns), as the address and length of that `'static` text, which stand for it as well and
//! cost two words instead of its bytes (text of up to six bytes is held in its token's word).
//!
//! ```
//! use dovetail::ast::*;
//! use dovetail::render::{cached_shapes, render_cached, Postgres};
//!
//! let by_id = |id: i64| {
//!     Statement::from(Select::from(TableRef::named("track"))
//!         .project(Expr::bare_column("name"))
//!         .filter(Expr::bare_column("id").eq(Expr::param(id)))
//!         .into_query())
//! };
//! let first = render_cached(&by_id(1), &Postgres)?;
//! let second = render_cached(&by_id(2), &Postgres)?;
//! assert_eq!(&*first.sql, r#"SELECT "name" FROM "track" WHERE "id" = $1"#);
//! assert!(std::sync::Arc::ptr_eq(&first.sql, &second.sql), "written once, shared");
//! assert_eq!(second.params, vec![dovetail::value::Value::I64(2)]);
//! assert!(cached_shapes() >= 1);
//! # Ok::<(), dovetail::Error>(())
//! ```

use std::collections::{HashMap, VecDeque};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, LazyLock, PoisonError, RwLock};

use super::Dialect;
use super::writer::Writer;
use crate::error::Result;
use crate::value::Value;

/// How many shapes the process keeps by default; the oldest is forgotten first.
pub const DEFAULT_SHAPE_CACHE_CAPACITY: usize = 2048;

/// SQL text shared by every statement of its shape, and one statement's values.
#[derive(Debug, Clone, PartialEq)]
pub struct SharedRendered {
    /// The statement, with `$n` or `?` placeholders.
    pub sql: Arc<str>,
    /// One value per placeholder, in placeholder order.
    pub params: Vec<Value>,
}

/// Renders `statement` for `dialect`, writing its SQL only the first time its shape is seen
/// in this process: statements that differ only in their values share one text. The
/// statement is walked once to record its shape and collect its values; only a new shape is
/// walked again to write the text. With a dialect other than the built-in ones, every
/// statement is rendered afresh.
pub fn render_cached(
    statement: &crate::ast::Statement,
    dialect: &dyn Dialect,
) -> Result<SharedRendered> {
    render_shared(dialect, |w| w.statement(statement))
}

/// How many shapes the process holds.
pub fn cached_shapes() -> usize {
    SHAPES.read().by_key.len()
}

/// Keeps at most `capacity` shapes (default [`DEFAULT_SHAPE_CACHE_CAPACITY`]), forgetting the
/// oldest first; 0 turns the cache off: every statement is then written afresh, as
/// [`render`](super::render) does.
pub fn set_shape_cache_capacity(capacity: usize) {
    SHAPES.set_capacity(capacity);
}

/// The largest shape kept, in 8-byte words (8 KiB): a statement bigger than that (a long
/// `IN` list, a many-row `INSERT`) costs most in its values, and would take much of the cache's
/// memory for little gain.
const MAX_SHAPE_WORDS: usize = 1024;

/// The longest text of a many-row INSERT kept (64 KiB, a few thousand rows): one text is kept
/// per row count, and the cache should not hold megabytes of rare ones.
const MAX_ROWS_TEXT: usize = 64 * 1024;

/// Runs `walk` once to learn the statement's shape and parameters, and again to write the text
/// only when the shape is new.
pub(super) fn render_shared(
    dialect: &dyn Dialect,
    walk: impl Fn(&mut Writer<'_>) -> Result<()>,
) -> Result<SharedRendered> {
    render_keeping(dialect, usize::MAX, walk)
}

/// [`render_shared`] for an INSERT of rows of bound values, whose shape records only their
/// count ([`ValuesRows::Bound`](super::write::ValuesRows)): a text is kept per row count, up to
/// [`MAX_ROWS_TEXT`].
pub(super) fn render_shared_rows(
    dialect: &dyn Dialect,
    walk: impl Fn(&mut Writer<'_>) -> Result<()>,
) -> Result<SharedRendered> {
    render_keeping(dialect, MAX_ROWS_TEXT, walk)
}

/// [`render_shared`], keeping texts of at most `longest_kept` bytes.
fn render_keeping(
    dialect: &dyn Dialect,
    longest_kept: usize,
    walk: impl Fn(&mut Writer<'_>) -> Result<()>,
) -> Result<SharedRendered> {
    let key = dialect.shape_key(super::dialect::BuiltIn::ASK);
    let Some(dialect_key) = key.filter(|_| SHAPES.enabled()) else {
        return render_fresh(dialect, walk);
    };
    let mut writer = Writer::shape(dialect, dialect_key);
    walk(&mut writer)?;
    let (shape, params) = writer.finish_shape();
    if let Some(sql) = SHAPES.get(&shape.words) {
        return Ok(SharedRendered { sql, params });
    }
    let mut writer = Writer::text_only(dialect);
    walk(&mut writer)?;
    let sql: Arc<str> = writer.finish().sql.into();
    if shape.words.len() <= MAX_SHAPE_WORDS && sql.len() <= longest_kept {
        SHAPES.insert(shape.words, Arc::clone(&sql));
    }
    Ok(SharedRendered { sql, params })
}

/// Runs `walk` to write the text, without the cache.
pub(super) fn render_fresh(
    dialect: &dyn Dialect,
    walk: impl Fn(&mut Writer<'_>) -> Result<()>,
) -> Result<SharedRendered> {
    let mut writer = Writer::new(dialect);
    walk(&mut writer)?;
    let rendered = writer.finish();
    Ok(SharedRendered {
        sql: rendered.sql.into(),
        params: rendered.params,
    })
}

/// The tokens a statement's walk writes, from which its text follows.
pub(super) struct ShapeKey {
    words: Vec<u64>,
}

// The first word of each token says what it is (low byte) and, for text, its length (second
// byte for short text, the upper bytes otherwise).
const FIXED: u64 = 1;
const FIXED_NAME: u64 = 2;
const TEXT: u64 = 3;
const NAME: u64 = 4;
const PARAM: u64 = 5;
const CHAR: u64 = 6;
const NUMBER: u64 = 7;
const SHORT: u64 = 8;
/// VALUES rows of bound values: their width and count follow.
const BOUND_ROWS: u64 = 9;

impl ShapeKey {
    /// An empty shape for the dialect known by `dialect_key`.
    pub(super) fn new(dialect_key: [u32; 4]) -> Self {
        let [family, major, minor, patch] = dialect_key.map(u64::from);
        let mut words = Vec::with_capacity(128);
        words.extend([family << 32 | major, minor << 32 | patch]);
        ShapeKey { words }
    }

    /// Text fixed in the program, written as it is: up to six bytes (punctuation, most
    /// keywords) in the token's word itself, longer text by address.
    pub(super) fn fixed(&mut self, text: &'static str) {
        match text.len() {
            len @ 0..=6 => {
                let mut word = [0; 8];
                word[2..2 + len].copy_from_slice(text.as_bytes());
                self.words.push(u64::from_le_bytes(word) | tag(SHORT, len));
            }
            len => self.words.extend([tag(FIXED, len), text.as_ptr() as u64]),
        }
    }

    /// A name fixed in the program, written quoted.
    pub(super) fn fixed_name(&mut self, name: &'static str) {
        self.words
            .extend([tag(FIXED_NAME, name.len()), name.as_ptr() as u64]);
    }

    /// Text known at run time, written as it is.
    pub(super) fn text(&mut self, text: &str) {
        self.bytes(TEXT, text);
    }

    /// A name known at run time, written quoted.
    pub(super) fn name(&mut self, name: &str) {
        self.bytes(NAME, name);
    }

    /// A placeholder.
    pub(super) fn param(&mut self) {
        self.words.push(PARAM);
    }

    /// `rows` VALUES rows of `width` placeholders.
    pub(super) fn bound_rows(&mut self, width: usize, rows: usize) {
        self.words.extend([BOUND_ROWS, width as u64, rows as u64]);
    }

    /// A one-character string literal.
    pub(super) fn char(&mut self, c: char) {
        self.words.push(u64::from(c) << 8 | CHAR);
    }

    /// A number written into the text.
    pub(super) fn number(&mut self, n: u64) {
        self.words.extend([NUMBER, n]);
    }

    fn bytes(&mut self, kind: u64, text: &str) {
        self.words.push(tag(kind, text.len()));
        self.words.extend(text.as_bytes().chunks(8).map(|chunk| {
            let mut word = [0; 8];
            word[..chunk.len()].copy_from_slice(chunk);
            u64::from_le_bytes(word)
        }));
    }
}

fn tag(kind: u64, len: usize) -> u64 {
    (len as u64) << 8 | kind
}

/// The process's shapes.
static SHAPES: LazyLock<ShapeCache> =
    LazyLock::new(|| ShapeCache::new(DEFAULT_SHAPE_CACHE_CAPACITY));

/// A bounded map from shape to SQL text, read concurrently, forgetting the oldest shape first.
struct ShapeCache {
    shapes: RwLock<Shapes>,
    /// Whether the capacity is above 0, read without the lock.
    enabled: AtomicBool,
}

struct Shapes {
    by_key: HashMap<Arc<[u64]>, Arc<str>, foldhash::fast::RandomState>,
    oldest_first: VecDeque<Arc<[u64]>>,
    capacity: usize,
}

impl ShapeCache {
    fn new(capacity: usize) -> Self {
        ShapeCache {
            shapes: RwLock::new(Shapes {
                by_key: HashMap::default(),
                oldest_first: VecDeque::new(),
                capacity,
            }),
            enabled: AtomicBool::new(capacity > 0),
        }
    }

    fn enabled(&self) -> bool {
        self.enabled.load(Ordering::Relaxed)
    }

    fn read(&self) -> std::sync::RwLockReadGuard<'_, Shapes> {
        // The map is consistent between statements: a panic elsewhere cannot leave it torn.
        self.shapes.read().unwrap_or_else(PoisonError::into_inner)
    }

    fn write(&self) -> std::sync::RwLockWriteGuard<'_, Shapes> {
        self.shapes.write().unwrap_or_else(PoisonError::into_inner)
    }

    fn get(&self, shape: &[u64]) -> Option<Arc<str>> {
        self.read().by_key.get(shape).cloned()
    }

    fn insert(&self, shape: Vec<u64>, sql: Arc<str>) {
        let mut shapes = self.write();
        if shapes.capacity == 0 || shapes.by_key.contains_key(shape.as_slice()) {
            return;
        }
        let capacity = shapes.capacity;
        shapes.evict_to(capacity - 1);
        let shape: Arc<[u64]> = shape.into();
        shapes.oldest_first.push_back(Arc::clone(&shape));
        shapes.by_key.insert(shape, sql);
    }

    fn set_capacity(&self, capacity: usize) {
        let mut shapes = self.write();
        shapes.capacity = capacity;
        shapes.evict_to(capacity);
        self.enabled.store(capacity > 0, Ordering::Relaxed);
    }
}

impl Shapes {
    fn evict_to(&mut self, len: usize) {
        while self.by_key.len() > len {
            let Some(oldest) = self.oldest_first.pop_front() else {
                break;
            };
            self.by_key.remove(&oldest);
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;
    use crate::ast::{Expr, Select, Statement, TableRef};
    use crate::render::dialect::BuiltIn;
    use crate::render::{Sqlite, render};

    fn sql(cache: &ShapeCache, shape: u64) -> Option<String> {
        cache.get(&[shape]).map(|sql| sql.to_string())
    }

    /// `SELECT "id" FROM "t" WHERE "id" IN (…)` with `len` values.
    fn in_list(len: i64) -> Statement {
        let list = (0..len).map(Expr::param).collect();
        let condition = Expr::InList {
            expr: Box::new(Expr::bare_column("id")),
            list,
            negated: false,
        };
        Select::from(TableRef::named("shapes_in_list"))
            .project(Expr::bare_column("id"))
            .filter(condition)
            .into_query()
            .into()
    }

    fn is_held(statement: &Statement) -> bool {
        let sqlite = Sqlite::default();
        let mut writer = Writer::shape(&sqlite, sqlite.shape_key(BuiltIn::ASK).unwrap());
        writer.statement(statement).unwrap();
        SHAPES.get(&writer.finish_shape().0.words).is_some()
    }

    /// (On SQLite, where each value of an `IN` list is a parameter.)
    #[test]
    fn only_statements_of_a_bounded_shape_are_held() {
        for (len, held) in [(4, true), (4_000, false)] {
            let statement = in_list(len);
            let cached = render_cached(&statement, &Sqlite::default()).unwrap();
            let fresh = render(&statement, &Sqlite::default()).unwrap();
            assert_eq!((&*cached.sql, &cached.params), (&*fresh.sql, &fresh.params));
            assert_eq!(is_held(&statement), held, "IN list of {len}");
        }
    }

    #[test]
    fn threads_reading_and_filling_a_small_cache_always_get_their_own_text() {
        let cache = ShapeCache::new(16);
        std::thread::scope(|scope| {
            for thread in 0..4_u64 {
                let cache = &cache;
                scope.spawn(move || {
                    for round in 0..2_000_u64 {
                        let shape = (round * 7 + thread) % 64;
                        match cache.get(&[shape]) {
                            Some(sql) => assert_eq!(&*sql, format!("SELECT {shape}")),
                            None => cache.insert(vec![shape], format!("SELECT {shape}").into()),
                        }
                    }
                });
            }
        });
        let shapes = cache.read();
        assert!(shapes.by_key.len() <= 16);
        assert_eq!(shapes.by_key.len(), shapes.oldest_first.len());
    }

    #[test]
    fn the_oldest_shape_is_forgotten_first() {
        let cache = ShapeCache::new(2);
        for shape in 1..=3 {
            cache.insert(vec![shape], format!("SELECT {shape}").into());
        }
        assert_eq!(sql(&cache, 1), None);
        assert_eq!(sql(&cache, 2).as_deref(), Some("SELECT 2"));
        assert_eq!(sql(&cache, 3).as_deref(), Some("SELECT 3"));
    }

    #[test]
    fn a_shape_already_held_keeps_its_place() {
        let cache = ShapeCache::new(2);
        cache.insert(vec![1], "SELECT 1".into());
        cache.insert(vec![1], "SELECT 1".into());
        cache.insert(vec![2], "SELECT 2".into());
        assert_eq!(cache.read().by_key.len(), 2);
        assert_eq!(cache.read().oldest_first.len(), 2);
    }

    #[test]
    fn capacity_zero_holds_nothing_and_shrinking_forgets_the_oldest() {
        let cache = ShapeCache::new(3);
        for shape in 1..=3 {
            cache.insert(vec![shape], format!("SELECT {shape}").into());
        }
        cache.set_capacity(1);
        assert_eq!(sql(&cache, 2), None);
        assert_eq!(sql(&cache, 3).as_deref(), Some("SELECT 3"));
        cache.set_capacity(0);
        cache.insert(vec![4], "SELECT 4".into());
        assert_eq!(cache.read().by_key.len(), 0);
    }

    #[test]
    fn tokens_of_different_kinds_never_read_alike() {
        let mut fixed = ShapeKey::new([1, 0, 0, 0]);
        fixed.fixed_name("id");
        let mut run_time = ShapeKey::new([1, 0, 0, 0]);
        run_time.name("id");
        let mut text = ShapeKey::new([1, 0, 0, 0]);
        text.text("id");
        assert_ne!(fixed.words, run_time.words);
        assert_ne!(run_time.words, text.words);
        // Text is recorded whole, with its length: "ab" then "c" is not "a" then "bc".
        let mut split_late = ShapeKey::new([2, 3, 46, 0]);
        let mut split_early = ShapeKey::new([2, 3, 46, 0]);
        split_late.name("ab");
        split_late.name("c");
        split_early.name("a");
        split_early.name("bc");
        assert_ne!(split_late.words, split_early.words);
    }

    #[test]
    fn short_fixed_text_is_held_in_its_token() {
        let key = |texts: &[&'static str]| {
            let mut key = ShapeKey::new([1, 0, 0, 0]);
            texts.iter().for_each(|text| key.fixed(text));
            key.words
        };
        assert_eq!(key(&[", "]).len(), 3);
        assert_eq!(key(&[" RETURNING "]).len(), 4);
        assert_ne!(key(&["a"]), key(&["a\0"]));
        assert_ne!(key(&["ab", "c"]), key(&["a", "bc"]));
        assert_ne!(key(&["", "("]), key(&["("]));
    }
}
