//! Models: structs bound to tables, found by key, loaded with their relationships.
//!
//! `#[derive(Model)]` binds a struct to a table, a field per column; [`Model::query`] is the
//! typed query that reads it, which takes every filter, order and join of the typed DSL, and
//! [`Model::find`] / [`Model::find_many`] read rows by primary key. Relationships
//! ([`HasMany`], [`BelongsTo`], [`HasOne`], [`ManyToMany`]) follow declared foreign keys and
//! are loaded eagerly, with [`SelectQuery::with`](crate::dsl::SelectQuery::with): one
//! statement per level of relationships, never one per row.
//!
//! There is no lazy loading: nothing runs a query the program did not ask for. A model holds
//! its row's values and nothing else; what it is related to is loaded by naming the
//! relationship when the query is written.
//!
//! ```
//! use dovetail::prelude::*;
//! use dovetail::model::{HasMany, Model};
//!
//! dovetail::table! {
//!     artist { id: Integer, name: Text } primary_key (id);
//!     album { id: Integer, title: Text, artist_id: Integer }
//!         primary_key (id);
//!         foreign_key by_artist (artist_id) references artist (id);
//! }
//!
//! #[derive(Model, Debug, Clone, PartialEq)]
//! #[dovetail(table = artist)]
//! struct Artist { id: i32, name: String }
//!
//! #[derive(Model, Debug, Clone, PartialEq)]
//! #[dovetail(table = album)]
//! struct Album { id: i32, title: String, artist_id: i32 }
//!
//! impl Artist {
//!     #[allow(non_upper_case_globals)]
//!     const albums: HasMany<Artist, Album, album::fk::by_artist> = HasMany::new();
//! }
//!
//! let mut conn = dovetail::connect("sqlite::memory:")?;
//! conn.batch_execute("CREATE TABLE artist (id INTEGER PRIMARY KEY, name TEXT NOT NULL);
//!     CREATE TABLE album (id INTEGER PRIMARY KEY, title TEXT NOT NULL, artist_id INTEGER NOT NULL);
//!     INSERT INTO artist VALUES (1, 'Nina'), (2, 'Miles');
//!     INSERT INTO album VALUES (10, 'Pastel Blues', 1), (11, 'Kind of Blue', 2), (12, 'Silk & Soul', 1)")?;
//!
//! let miles = Artist::find(&mut *conn, 2)?;
//! assert_eq!(miles.map(|a| a.name), Some("Miles".to_owned()));
//!
//! let nina = Artist::query()
//!     .filter(artist::name.eq("Nina"))
//!     .with(Artist::albums.order_by(album::title))
//!     .one(&mut *conn)?;
//! let titles: Vec<&str> = nina.1.iter().map(|a| a.title.as_str()).collect();
//! assert_eq!(titles, ["Pastel Blues", "Silk & Soul"]);
//! # Ok::<(), dovetail::Error>(())
//! ```

mod eager;
mod key;
mod relation;
mod write;

pub use eager::{Relation, StartsFrom, WithRelations};
pub use key::{FieldsKey, Key, KeyColumns, KeyOf, KeyPart, KeyValue, KeyValues};
pub use relation::{
    AtMostOne, BelongsTo, ExactlyOne, FirstColumn, HasMany, HasOne, Links, LoadsRelated, Many,
    ManyToMany, Nested, Related, SameTable, Shape, ToOne,
};
pub use write::{PrimaryKeyOf, insert_reading_back};

use crate::connection::Connection;
use crate::dsl::WriteStatement;
use crate::dsl::distinct::Unsorted;
use crate::dsl::grouping::Ungrouped;
use crate::dsl::scope::{Cons, Nil};
use crate::dsl::selection::FromRow;
use crate::dsl::table::HasPrimaryKey;
use crate::dsl::table::Writable;
use crate::dsl::write::{Assignments, SetList};
use crate::dsl::written::WritesColumns;
use crate::dsl::{Column, SelectQuery};

use crate::error::Result;
use crate::value::Value;

/// The typed query of a model: its table, every column of the model selected.
pub type ModelQuery<M> = SelectQuery<
    Cons<<M as Model>::Table, Nil>,
    Ungrouped,
    <M as Model>::Sql,
    Unsorted<<M as Model>::Selection>,
>;

/// A struct bound to a table, a field per column: `#[derive(Model)]` with
/// `#[dovetail(table = path::to::table_module)]`.
///
/// Each field reads the column of its name, or the one `#[dovetail(column = name)]` names.
/// The table must declare its primary key. The derive also makes the struct read its
/// selection (`FromRow<Self::Sql>`), which the reading methods ask for.
pub trait Model: Sized {
    /// The table.
    type Table: HasPrimaryKey;
    /// The columns the model reads, in field order, as a tuple.
    type Selection: Copy + Default;
    /// Their SQL types.
    type Sql;

    /// The SQL name of the version column (`#[dovetail(version)]`), if the model has one:
    /// updates and deletes then match the version read as well as the key, and an update moves
    /// it on by one, so a write over another writer's fails with [`Error::StaleRow`](crate::Error::StaleRow).
    const VERSION: Option<&'static str> = None;

    /// `SELECT` every field's column `FROM` the table: a typed query that decodes into the
    /// model and takes every filter, order and join.
    fn query() -> ModelQuery<Self>;

    /// This row's version, if the model has a version column.
    fn version(&self) -> Option<Value> {
        None
    }

    /// The row as the database holds it now, read by this row's primary key
    /// ([`Error::NotFound`](crate::Error::NotFound) if it was deleted).
    fn reload<C>(&self, conn: &mut C) -> Result<Self>
    where
        Self: FieldsKey<PrimaryKeyOf<Self>> + FromRow<Self::Sql>,
        C: Connection + ?Sized,
    {
        write::reload(self, conn)
    }

    /// Deletes this row, by primary key (and version): [`Error::NotFound`](crate::Error::NotFound) when it is gone,
    /// [`Error::StaleRow`](crate::Error::StaleRow) when its version moved on.
    fn delete<C>(&self, conn: &mut C) -> Result<()>
    where
        Self: FieldsKey<PrimaryKeyOf<Self>>,
        C: Connection + ?Sized,
    {
        write::delete(self, conn)
    }

    /// Sets the columns `changes` changes (a `#[derive(Changeset)]` struct, whose `None` fields
    /// stay as they are, or a tuple of `column.set(value)`) on this row, by primary key (and
    /// version, which moves on by one), and returns the row as written: one statement where
    /// the dialect has `UPDATE … RETURNING`, else the update and a read by key.
    /// [`Error::StaleRow`](crate::Error::StaleRow) when the version moved on, [`Error::NotFound`](crate::Error::NotFound) when the row is gone.
    fn update<Ch, I, IT, L, C>(&self, conn: &mut C, changes: Ch) -> Result<Self>
    where
        Self: FieldsKey<PrimaryKeyOf<Self>> + FromRow<Self::Sql>,
        Self::Table: Writable,
        Ch: SetList<Cons<Self::Table, Nil>, I>,
        Ch: WritesColumns<
                Self::Table,
                <Self::Table as Writable>::Slots,
                <Ch as Assignments<Cons<Self::Table, Nil>, I>>::Columns,
                IT,
                Rest = L,
            >,
        C: Connection + ?Sized,
    {
        let statement = crate::dsl::update(<Self::Table as Default>::default())
            .set(changes)
            .statement();
        write::update(self, conn, statement)
    }

    /// The row whose primary key is `key` (a value, or a tuple of values for a composite key),
    /// if there is one.
    fn find<K, C>(conn: &mut C, key: K) -> Result<Option<Self>>
    where
        K: KeyOf<Self::Table>,
        C: Connection + ?Sized,
        Self: FromRow<Self::Sql>,
    {
        let condition = key::matching::<Self::Table>(&[KeyOf::key_values(key)]);
        Self::query().filter_lowered(condition).optional(conn)
    }

    /// The rows whose primary keys are among `keys`, in primary key order; keys without a row
    /// are left out.
    fn find_many<K, C>(conn: &mut C, keys: impl IntoIterator<Item = K>) -> Result<Vec<Self>>
    where
        K: KeyOf<Self::Table>,
        C: Connection + ?Sized,
        Self: FromRow<Self::Sql>,
    {
        let keys: Vec<_> = keys.into_iter().map(KeyOf::key_values).collect();
        let mut found = Vec::with_capacity(keys.len());
        for chunk in keys.chunks(key::chunk_len(&keys, conn.dialect())) {
            let condition = key::matching::<Self::Table>(chunk);
            let query = Self::query()
                .filter_lowered(condition)
                .order_lowered(key::primary_key_order::<Self::Table>());
            found.extend(query.load::<Self, C>(conn)?);
        }
        Ok(found)
    }
}

/// Nothing: its bound is the check `#[derive(Model)]` makes where the struct is declared, that
/// each field reads its column.
#[doc(hidden)]
pub fn readable<M: Model + FromRow<M::Sql>>() {}

/// The value of column `C` in a model: what relationships key parents and children on.
/// `#[derive(Model)]` implements it for every field.
#[diagnostic::on_unimplemented(
    message = "`{Self}` has no field for column `{C}`",
    label = "this model does not read that column",
    note = "a relationship matches rows on its foreign key's columns: the models on both sides need a field for each"
)]
pub trait Field<C: Column> {
    /// The field's type.
    type Value;

    /// The field.
    fn field(&self) -> &Self::Value;
}
