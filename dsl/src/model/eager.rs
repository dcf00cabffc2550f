//! Eager loading: a query's rows with their relationships, one statement per level.

use super::Model;
use super::relation::SameTable;
use crate::connection::Connection;
use crate::dsl::SelectQuery;
use crate::dsl::scope::{Cons, Nil};
use crate::dsl::selection::RowOf;
use crate::dsl::table::Table;
use crate::error::Result;

/// A relationship of the model [`Parent`](Self::Parent), or a tuple of them, loaded for many
/// rows at once.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a relationship",
    note = "relationships are `HasMany`, `HasOne`, `BelongsTo`, `ManyToMany`, nested with `.with(…)`, or tuples of them starting from one model"
)]
pub trait Relation {
    /// The model it starts from.
    type Parent: Model;
    /// What each row gets: `Vec<C>`, `Option<C>`, `C`, nested pairs, or a tuple of these.
    type Out;

    /// What each of `rows` gets, in their order: one statement per level of relationships
    /// (per chunk of keys within the dialect's parameter limit), whatever the number of rows.
    fn load_for<C: Connection + ?Sized>(
        &self,
        conn: &mut C,
        rows: &[Self::Parent],
    ) -> Result<Vec<Self::Out>>;
}

/// The relationship `Self` starts from the model of the table `T` that the query reads.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a relationship of the rows of `{T}`",
    label = "the query reads another table",
    note = "load relationships that start from the query's model, e.g. `Artist::query().with(Artist::albums)`; nest the others: `Artist::albums.with(Album::tracks)`"
)]
pub trait StartsFrom<T> {}

#[diagnostic::do_not_recommend]
impl<L: Relation, T> StartsFrom<T> for L where <L::Parent as Model>::Table: SameTable<T> {}

macro_rules! relation_tuples {
    ($(($first:ident $first_index:tt $(, $name:ident $index:tt)*))*) => {$(
        impl<$first: Relation, $($name: Relation<Parent = $first::Parent>),*> Relation
            for ($first, $($name,)*)
        {
            type Parent = $first::Parent;
            type Out = ($first::Out, $($name::Out,)*);

            fn load_for<Conn: Connection + ?Sized>(
                &self,
                conn: &mut Conn,
                rows: &[Self::Parent],
            ) -> Result<Vec<Self::Out>> {
                #[allow(non_snake_case, reason = "the bindings are named after their types")]
                let (mut $first, $(mut $name,)*) = (
                    self.$first_index.load_for(conn, rows)?.into_iter(),
                    $(self.$index.load_for(conn, rows)?.into_iter(),)*
                );
                let mut out = Vec::with_capacity(rows.len());
                for _ in 0..rows.len() {
                    out.push((
                        $first.next().expect("one per row"),
                        $($name.next().expect("one per row"),)*
                    ));
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

impl<T: Table, G, S, D> SelectQuery<Cons<T, Nil>, G, S, D> {
    /// Loads the relationships `relations` (one, or a tuple) of each row, which start from the
    /// model of the table the query reads: the query's rows come back as `(row, related)`
    /// pairs, with one more statement per level of relationships, never one per row.
    pub fn with<L: StartsFrom<T>>(self, relations: L) -> WithRelations<Self, L> {
        WithRelations {
            query: self,
            relations,
        }
    }
}

/// The rows of a query reading the table `T` alone, with the relationships `L` of its model.
impl<T: Table, G, S, D, L> WithRelations<SelectQuery<Cons<T, Nil>, G, S, D>, L>
where
    L: Relation + StartsFrom<T>,
    L::Parent: RowOf<S>,
{
    /// Every row, each with its related rows.
    pub fn load<C: Connection + ?Sized>(&self, conn: &mut C) -> Result<Vec<(L::Parent, L::Out)>> {
        let rows: Vec<L::Parent> = self.query.load(conn)?;
        self.attach(conn, rows)
    }

    /// The one row (an error when there are none or several), with its related rows.
    pub fn one<C: Connection + ?Sized>(&self, conn: &mut C) -> Result<(L::Parent, L::Out)> {
        let row: L::Parent = self.query.one(conn)?;
        Ok(self.attach(conn, vec![row])?.remove(0))
    }

    /// The row, if any (an error when there are several), with its related rows.
    pub fn optional<C: Connection + ?Sized>(
        &self,
        conn: &mut C,
    ) -> Result<Option<(L::Parent, L::Out)>> {
        let rows: Vec<L::Parent> = self.query.optional(conn)?.into_iter().collect();
        Ok(self.attach(conn, rows)?.pop())
    }

    fn attach<C: Connection + ?Sized>(
        &self,
        conn: &mut C,
        rows: Vec<L::Parent>,
    ) -> Result<Vec<(L::Parent, L::Out)>> {
        if rows.is_empty() {
            return Ok(Vec::new());
        }
        let related = self.relations.load_for(conn, &rows)?;
        Ok(rows.into_iter().zip(related).collect())
    }
}
