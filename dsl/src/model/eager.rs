//! Eager loading: a query's rows with their relationships, one statement per level.

use crate::connection::Connection;
use crate::dsl::SelectQuery;
use crate::dsl::correlate::Standalone;
use crate::dsl::selection::RowOf;
use crate::error::Result;

/// A relationship of the model `P`, or a tuple of them, loaded for many `P`s at once.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a relationship of `{P}`",
    label = "the query's rows have no such relationship",
    note = "load relationships that start from the query's model, e.g. `Artist::query().with(Artist::albums)`; nest the others: `Artist::albums.with(Album::tracks)`"
)]
pub trait Relation<P> {
    /// What each `P` gets: `Vec<C>`, `Option<C>`, `C`, nested pairs, or a tuple of these.
    type Out;

    /// What each of `rows` gets, in their order: one statement per level of relationships
    /// (per chunk of keys within the dialect's parameter limit), whatever the number of rows.
    fn load_for<C: Connection + ?Sized>(&self, conn: &mut C, rows: &[P]) -> Result<Vec<Self::Out>>;
}

macro_rules! relation_tuples {
    ($(($($name:ident $index:tt),+))*) => {$(
        impl<P, $($name: Relation<P>),+> Relation<P> for ($($name,)+) {
            type Out = ($($name::Out,)+);

            fn load_for<Conn: Connection + ?Sized>(
                &self,
                conn: &mut Conn,
                rows: &[P],
            ) -> Result<Vec<Self::Out>> {
                #[allow(non_snake_case, reason = "the bindings are named after their types")]
                let ($(mut $name,)+) = ($(self.$index.load_for(conn, rows)?.into_iter(),)+);
                let mut out = Vec::with_capacity(rows.len());
                for _ in 0..rows.len() {
                    out.push(($($name.next().expect("one per row"),)+));
                }
                Ok(out)
            }
        }
    )*};
}

relation_tuples! {
    (A 0)
    (A 0, B 1)
    (A 0, B 1, C 2)
    (A 0, B 1, C 2, D 3)
    (A 0, B 1, C 2, D 3, E 4)
    (A 0, B 1, C 2, D 3, E 4, F 5)
}

/// A query whose rows come with relationships `L`: [`SelectQuery::with`].
#[derive(Debug, Clone)]
pub struct WithRelations<Q, L> {
    query: Q,
    relations: L,
}

impl<F, G, S, D> SelectQuery<F, G, S, D> {
    /// Loads the relationships `relations` (one, or a tuple) of each row: the query's rows
    /// come back as `(row, related)` pairs, with one more statement per level of
    /// relationships, never one per row.
    pub fn with<L>(self, relations: L) -> WithRelations<Self, L> {
        WithRelations {
            query: self,
            relations,
        }
    }
}

impl<F: Standalone, G, S, D, L> WithRelations<SelectQuery<F, G, S, D>, L> {
    /// Every row, each with its related rows.
    pub fn load<P, C>(&self, conn: &mut C) -> Result<Vec<(P, L::Out)>>
    where
        P: RowOf<S>,
        L: Relation<P>,
        C: Connection + ?Sized,
    {
        let rows: Vec<P> = self.query.load(conn)?;
        self.attach(conn, rows)
    }

    /// The one row (an error when there are none or several), with its related rows.
    pub fn one<P, C>(&self, conn: &mut C) -> Result<(P, L::Out)>
    where
        P: RowOf<S>,
        L: Relation<P>,
        C: Connection + ?Sized,
    {
        let row: P = self.query.one(conn)?;
        Ok(self.attach(conn, vec![row])?.remove(0))
    }

    /// The row, if any (an error when there are several), with its related rows.
    pub fn optional<P, C>(&self, conn: &mut C) -> Result<Option<(P, L::Out)>>
    where
        P: RowOf<S>,
        L: Relation<P>,
        C: Connection + ?Sized,
    {
        let rows: Vec<P> = self.query.optional(conn)?.into_iter().collect();
        Ok(self.attach(conn, rows)?.pop())
    }

    fn attach<P, C>(&self, conn: &mut C, rows: Vec<P>) -> Result<Vec<(P, L::Out)>>
    where
        L: Relation<P>,
        C: Connection + ?Sized,
    {
        if rows.is_empty() {
            return Ok(Vec::new());
        }
        let related = self.relations.load_for(conn, &rows)?;
        Ok(rows.into_iter().zip(related).collect())
    }
}
