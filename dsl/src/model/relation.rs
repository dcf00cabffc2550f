//! Relationships along foreign keys, as values: `HasMany<Album, Track, track::fk::album_id>`.
//!
//! Each is declared once, usually as an associated constant of the model it starts from
//! (`Album::tracks`), and names its foreign key: several foreign keys to one table are several
//! relationships with names of their own. Loading one is [`Relation::load_for`].

use std::collections::HashMap;
use std::marker::PhantomData;

use super::Model;
use super::eager::Relation;
use super::key::{FieldsKey, Key, KeyColumns};
use crate::ast;
use crate::connection::Connection;
use crate::dsl::condition::RowCondition;
use crate::dsl::grouping::NoGroup;
use crate::dsl::join::fk_condition;
use crate::dsl::order::OrdersQuery;
use crate::dsl::scope::{Cons, Nil};
use crate::dsl::sql_types::{MaybeNull, NotNull, SqlType};
use crate::dsl::table::{ForeignKey, Table};
use crate::dsl::{Column, FromRow, RowCursor};
use crate::error::{Error, Result};
use crate::value::Value;

/// What a relationship adds to the query of its related rows: conditions and an order.
#[derive(Debug, Clone)]
struct Refine {
    filter: Option<ast::Expr>,
    order: Vec<ast::OrderBy>,
}

impl Refine {
    const NONE: Refine = Refine {
        filter: None,
        order: Vec::new(),
    };
}

macro_rules! relation_type {
    ($(#[$doc:meta])* $name:ident<$($param:ident),+> where $($bounds:tt)+) => {
        $(#[$doc])*
        pub struct $name<$($param),+> {
            refine: Refine,
            types: PhantomData<fn() -> ($($param,)+)>,
        }

        impl<$($param),+> $name<$($param),+> {
            /// The relationship, along a foreign key between its two models' tables.
            pub const fn new() -> Self
            where
                $($bounds)+
            {
                $name {
                    refine: Refine::NONE,
                    types: PhantomData,
                }
            }

            /// Loads, for each related row, the relationships `nested` of its own.
            pub fn with<L>(self, nested: L) -> Nested<Self, L> {
                Nested {
                    relation: self,
                    nested,
                }
            }
        }

        impl<$($param),+> Default for $name<$($param),+>
        where
            $($bounds)+
        {
            fn default() -> Self {
                Self::new()
            }
        }

        impl<$($param),+> Clone for $name<$($param),+> {
            fn clone(&self) -> Self {
                $name {
                    refine: self.refine.clone(),
                    types: PhantomData,
                }
            }
        }

        impl<$($param),+> std::fmt::Debug for $name<$($param),+> {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.debug_struct(stringify!($name)).field("filter", &self.refine.filter).finish()
            }
        }
    };
}

relation_type! {
    /// One-to-many: the rows of `C` whose foreign key `K` references a `P`; a `Vec<C>` per
    /// `P`, in the order asked for ([`order_by`](Self::order_by)), else the server's.
    HasMany<P, C, K> where P: Model, C: Model, K: Links<P::Table, C::Table>
}

relation_type! {
    /// One-to-one: the row of `C` whose foreign key `K` (under a unique key) references a
    /// `P`; an `Option<C>` per `P`.
    HasOne<P, C, K> where P: Model, C: Model, K: Links<P::Table, C::Table>
}

relation_type! {
    /// Many-to-one: the `P` that the foreign key `K` of a `C` references; a `P` per `C`, or an
    /// `Option<P>` when the foreign key is nullable.
    BelongsTo<C, P, K> where P: Model, C: Model, K: Links<P::Table, C::Table>
}

relation_type! {
    /// Many-to-many: the rows of `C` linked to a `P` through the rows of a link table, whose
    /// foreign key `ToP` references `P` and `ToC` references `C`; a `Vec<C>` per `P`.
    ManyToMany<P, C, ToP, ToC> where
        P: Model,
        C: Model,
        ToP: ForeignKey + Links<P::Table, <ToP as ForeignKey>::Child>,
        ToC: Links<C::Table, <ToP as ForeignKey>::Child>,
}

/// The foreign key `Self` references the table `Parent` from the table `Child`: what a
/// relationship's foreign key must do.
#[diagnostic::on_unimplemented(
    message = "the foreign key `{Self}` does not reference `{Parent}` from `{Child}`",
    label = "not a foreign key between these models' tables",
    note = "a relationship follows a foreign key of the child's table (`child::fk::…`) to the parent's"
)]
pub trait Links<Parent, Child> {}

#[diagnostic::do_not_recommend]
impl<K: ForeignKey, Parent, Child> Links<Parent, Child> for K
where
    K::Parent: SameTable<Parent>,
    K::Child: SameTable<Child>,
{
}

/// `Self` is the table `T`.
pub trait SameTable<T> {}

impl<T> SameTable<T> for T {}

/// A relationship `R` whose related rows load relationships `L` of their own: each related
/// row comes with what `L` loads for it.
#[derive(Debug, Clone)]
pub struct Nested<R, L> {
    relation: R,
    nested: L,
}

macro_rules! refinements {
    ($name:ident<$($param:ident),+>, $related:ident) => {
        impl<$($param),+> $name<$($param),+>
        where
            $related: Model,
        {
            /// Loads only the related rows that meet `condition` (ANDed with earlier ones).
            pub fn filter<Cond, IS, IG>(mut self, condition: Cond) -> Self
            where
                Cond: RowCondition<Cons<<$related as Model>::Table, Nil>, (IS, IG)>,
            {
                let condition = condition.lower();
                self.refine.filter = Some(match self.refine.filter.take() {
                    Some(earlier) => earlier.and(condition),
                    None => condition,
                });
                self
            }

            /// Orders each row's related rows by `terms` (else they come in the server's order).
            pub fn order_by<O, I>(mut self, terms: O) -> Self
            where
                O: OrdersQuery<Cons<<$related as Model>::Table, Nil>, NoGroup, I>,
            {
                self.refine.order.extend(terms.lower_terms());
                self
            }
        }
    };
}

refinements!(HasMany<P, C, K>, C);
refinements!(ManyToMany<P, C, ToP, ToC>, C);

/// A list of rows by key: which row first holds each key, which earlier row each repeats.
pub struct RowKeys {
    first: HashMap<Key, usize, foldhash::fast::FixedState>,
    /// For each row, the first row with its key (itself, mostly); `None` without a key.
    rows: Vec<Option<usize>>,
    /// The distinct keys' values, to bind.
    values: Vec<Vec<Value>>,
}

impl RowKeys {
    /// The keys of `keys`, one per row.
    fn new(keys: impl ExactSizeIterator<Item = Option<Key>>) -> Self {
        let mut index = RowKeys {
            first: HashMap::with_capacity_and_hasher(keys.len(), Default::default()),
            rows: Vec::with_capacity(keys.len()),
            values: Vec::with_capacity(keys.len()),
        };
        for (row, key) in keys.enumerate() {
            let first = key.map(|key| {
                *index.first.entry(key).or_insert_with_key(|key| {
                    index.values.push(key.values());
                    row
                })
            });
            index.rows.push(first);
        }
        index
    }

    /// The first row whose key is `key`, if any.
    fn row_of(&self, key: Option<Key>) -> Option<usize> {
        self.first.get(&key?).copied()
    }
}

/// The related rows of a list of rows, each with the row it belongs to.
pub struct Related<X> {
    rows: RowKeys,
    /// The related rows.
    related: Vec<X>,
    /// For each related row, the first row it belongs to (`None`: to no row).
    targets: Vec<Option<usize>>,
}

impl<X> Related<X> {
    /// The same rows with `f` applied to the related ones, all at once.
    fn map_all<Y>(self, f: impl FnOnce(Vec<X>) -> Result<Vec<Y>>) -> Result<Related<Y>> {
        Ok(Related {
            rows: self.rows,
            related: f(self.related)?,
            targets: self.targets,
        })
    }

    /// The related rows of each row, in the rows' order. A row whose key repeats an earlier
    /// row's gets copies.
    fn grouped(self) -> Vec<Vec<X>>
    where
        X: Clone,
    {
        let rows = self.rows.rows;
        let mut out: Vec<Vec<X>> = std::iter::repeat_with(Vec::new).take(rows.len()).collect();
        for (target, row) in self.targets.into_iter().zip(self.related) {
            if let Some(at) = target {
                out[at].push(row);
            }
        }
        for (row, first) in rows.into_iter().enumerate() {
            if let Some(first) = first.filter(|&first| first != row) {
                out[row] = out[first].clone();
            }
        }
        out
    }
}

/// How the related rows of one row are held: `Vec<X>`, `Option<X>` or `X`.
pub trait Shape<X> {
    /// The holder.
    type Out;

    /// The holder of `rows`, all related to one row.
    fn shape(rows: Vec<X>) -> Result<Self::Out>;
}

/// Many related rows.
pub struct Many;

impl<X> Shape<X> for Many {
    type Out = Vec<X>;

    fn shape(rows: Vec<X>) -> Result<Vec<X>> {
        Ok(rows)
    }
}

/// At most one related row.
pub struct AtMostOne;

impl<X> Shape<X> for AtMostOne {
    type Out = Option<X>;

    fn shape(rows: Vec<X>) -> Result<Option<X>> {
        Ok(rows.into_iter().next())
    }
}

/// The row a foreign key references: one when the key cannot be `NULL`, `Option` when it can.
pub trait ToOne {
    /// The shape.
    type Shape;
}

impl ToOne for NotNull {
    type Shape = ExactlyOne;
}

impl ToOne for MaybeNull {
    type Shape = AtMostOne;
}

/// Exactly one related row: a non-null foreign key's parent. A key that references no row (a
/// constraint the database does not enforce) is [`Error::NotFound`].
pub struct ExactlyOne;

impl<X> Shape<X> for ExactlyOne {
    type Out = X;

    fn shape(rows: Vec<X>) -> Result<X> {
        rows.into_iter().next().ok_or(Error::NotFound)
    }
}

/// A relationship loaded as [`Related`] rows, then shaped per row: what [`Relation`] is made of.
pub trait LoadsRelated<P> {
    /// The related model.
    type Related;
    /// How each row holds its related rows.
    type Shape;

    /// The related rows of `rows`.
    fn related<C: Connection + ?Sized>(
        &self,
        conn: &mut C,
        rows: &[P],
    ) -> Result<Related<Self::Related>>;
}

/// The shape of the first column of a foreign key: whether it can be `NULL`.
type FkShape<K> = <NullOf<FirstOf<<K as ForeignKey>::ChildColumns>> as ToOne>::Shape;

/// The first column of the tuple of columns `Cols`.
type FirstOf<Cols> = <Cols as FirstColumn>::Column;

/// Whether the column `C` can be `NULL`.
type NullOf<C> = <<C as Column>::SqlType as SqlType>::IsNull;

/// The first column of a tuple of columns.
pub trait FirstColumn {
    /// That column.
    type Column: Column;
}

macro_rules! first_column {
    ($(($first:ident $(, $rest:ident)*))*) => {$(
        impl<$first: Column $(, $rest)*> FirstColumn for ($first, $($rest,)*) {
            type Column = $first;
        }
    )*};
}

first_column!((A)(A, B)(A, B, C)(A, B, C, D));

macro_rules! to_children {
    ($($name:ident => $shape:ident),*) => {$(
        impl<P, C, K> LoadsRelated<P> for $name<P, C, K>
        where
            P: Model + FieldsKey<K::ParentColumns>,
            C: Model + FieldsKey<K::ChildColumns> + FromRow<C::Sql>,
            K: ForeignKey<Child = C::Table, Parent = P::Table>,
            K::ChildColumns: KeyColumns,
        {
            type Related = C;
            type Shape = $shape;

            fn related<Conn: Connection + ?Sized>(
                &self,
                conn: &mut Conn,
                rows: &[P],
            ) -> Result<Related<C>> {
                children::<P, C, K::ParentColumns, K::ChildColumns, Conn>(conn, rows, &self.refine)
            }
        }
    )*};
}

to_children!(HasMany => Many, HasOne => AtMostOne);

impl<C, P, K> LoadsRelated<C> for BelongsTo<C, P, K>
where
    C: Model + FieldsKey<K::ChildColumns>,
    P: Model + FieldsKey<K::ParentColumns> + FromRow<P::Sql>,
    K: ForeignKey<Child = C::Table, Parent = P::Table>,
    K::ChildColumns: FirstColumn,
    K::ParentColumns: KeyColumns,
    NullOf<FirstOf<K::ChildColumns>>: ToOne,
{
    type Related = P;
    type Shape = FkShape<K>;

    fn related<Conn: Connection + ?Sized>(
        &self,
        conn: &mut Conn,
        rows: &[C],
    ) -> Result<Related<P>> {
        children::<C, P, K::ChildColumns, K::ParentColumns, Conn>(conn, rows, &self.refine)
    }
}

impl<P, C, ToP, ToC> LoadsRelated<P> for ManyToMany<P, C, ToP, ToC>
where
    P: Model + FieldsKey<ToP::ParentColumns>,
    C: Model + FromRow<C::Sql>,
    ToP: ForeignKey<Parent = P::Table>,
    ToC: ForeignKey<Child = ToP::Child, Parent = C::Table>,
    ToP::ChildColumns: KeyColumns,
{
    type Related = C;
    type Shape = Many;

    fn related<Conn: Connection + ?Sized>(
        &self,
        conn: &mut Conn,
        rows: &[P],
    ) -> Result<Related<C>> {
        let rows = RowKeys::new(rows.iter().map(FieldsKey::<ToP::ParentColumns>::key));
        let link = <ToP::Child as Table>::qualifier();
        // The link rows joined to the related rows they reference.
        let on = fk_condition::<ToC>(link, <C::Table as Table>::qualifier());
        let join = ast::Join {
            operator: ast::JoinOperator::Inner(on),
            relation: ast::TableFactor::Table(<ToP::Child as Table>::table_ref()),
        };
        let names = ToP::ChildColumns::names();
        let narrow = |query: super::ModelQuery<C>, keys: &[Vec<Value>]| {
            let mut query = query.join_lowered(join.clone());
            for name in &names {
                query = query.select_lowered(ast::Expr::column(link, *name).item());
            }
            query.filter_lowered(super::key::matching_columns(link, &names, keys))
        };
        // Each row comes with the key of the link row that brought it.
        let read = |rows: &RowKeys, cursor: &mut RowCursor<'_>| {
            let row = C::from_row(cursor)?;
            Ok((rows.row_of(ToP::ChildColumns::read_key(cursor)?), row))
        };
        by_keys::<C, _, _>(conn, rows, narrow, read, &self.refine)
    }
}

/// The rows of `R` whose columns `RCols` hold the values of the columns `OCols` of `rows`.
fn children<O, R, OCols, RCols, Conn>(
    conn: &mut Conn,
    rows: &[O],
    refine: &Refine,
) -> Result<Related<R>>
where
    O: FieldsKey<OCols>,
    R: Model + FieldsKey<RCols> + FromRow<R::Sql>,
    RCols: KeyColumns,
    Conn: Connection + ?Sized,
{
    let rows = RowKeys::new(rows.iter().map(FieldsKey::<OCols>::key));
    let names = RCols::names();
    let qualifier = <R::Table as Table>::qualifier();
    let narrow = |query: super::ModelQuery<R>, keys: &[Vec<Value>]| {
        query.filter_lowered(super::key::matching_columns(qualifier, &names, keys))
    };
    let read = |rows: &RowKeys, cursor: &mut RowCursor<'_>| {
        let row = R::from_row(cursor)?;
        Ok((rows.row_of(FieldsKey::<RCols>::key(&row)), row))
    };
    by_keys::<R, _, _>(conn, rows, narrow, read, refine)
}

/// Runs the query of `R`'s model, narrowed by `narrow` to each chunk of the distinct keys of
/// `rows` and refined, and reads each related row, and the row it belongs to, with `read`: one
/// statement per chunk, none without keys. The related rows come in the order the
/// relationship asks for, else the server's.
fn by_keys<R, X, Conn>(
    conn: &mut Conn,
    rows: RowKeys,
    narrow: impl Fn(super::ModelQuery<R>, &[Vec<Value>]) -> super::ModelQuery<R>,
    mut read: impl FnMut(&RowKeys, &mut RowCursor<'_>) -> Result<(Option<usize>, X)>,
    refine: &Refine,
) -> Result<Related<X>>
where
    R: Model,
    Conn: Connection + ?Sized,
{
    let mut related = Vec::new();
    let mut targets = Vec::new();
    let values = &rows.values;
    for chunk in values.chunks(super::key::chunk_len(values, conn.dialect())) {
        let mut query = narrow(R::query(), chunk).order_lowered(refine.order.clone());
        if let Some(filter) = &refine.filter {
            query = query.filter_lowered(filter.clone());
        }
        query.for_each_row(conn, &mut |cursor| {
            let (target, row) = read(&rows, cursor)?;
            targets.push(target);
            related.push(row);
            Ok(())
        })?;
    }
    Ok(Related {
        rows,
        related,
        targets,
    })
}

macro_rules! relations {
    ($($name:ident<$($param:ident),+> from $from:ident;)*) => {$(
        impl<$($param),+> Relation for $name<$($param),+>
        where
            $from: Model,
            Self: LoadsRelated<$from>,
            <Self as LoadsRelated<$from>>::Related: Clone,
            <Self as LoadsRelated<$from>>::Shape: Shape<<Self as LoadsRelated<$from>>::Related>,
        {
            type Parent = $from;
            type Out = <<Self as LoadsRelated<$from>>::Shape as Shape<
                <Self as LoadsRelated<$from>>::Related,
            >>::Out;

            fn load_for<Conn: Connection + ?Sized>(
                &self,
                conn: &mut Conn,
                rows: &[$from],
            ) -> Result<Vec<Self::Out>> {
                shaped::<_, <Self as LoadsRelated<$from>>::Shape>(self.related(conn, rows)?)
            }
        }

        impl<$($param,)+ L> Relation for Nested<$name<$($param),+>, L>
        where
            $from: Model,
            $name<$($param),+>: LoadsRelated<$from>,
            L: Relation<Parent = <$name<$($param),+> as LoadsRelated<$from>>::Related>,
            <$name<$($param),+> as LoadsRelated<$from>>::Related: Clone,
            L::Out: Clone,
            <$name<$($param),+> as LoadsRelated<$from>>::Shape:
                Shape<(<$name<$($param),+> as LoadsRelated<$from>>::Related, L::Out)>,
        {
            type Parent = $from;
            type Out = <<$name<$($param),+> as LoadsRelated<$from>>::Shape as Shape<(
                <$name<$($param),+> as LoadsRelated<$from>>::Related,
                L::Out,
            )>>::Out;

            fn load_for<Conn: Connection + ?Sized>(
                &self,
                conn: &mut Conn,
                rows: &[$from],
            ) -> Result<Vec<Self::Out>> {
                let related = self.relation.related(conn, rows)?.map_all(|related| {
                    let nested = self.nested.load_for(conn, &related)?;
                    Ok(related.into_iter().zip(nested).collect())
                })?;
                shaped::<_, <$name<$($param),+> as LoadsRelated<$from>>::Shape>(related)
            }
        }
    )*};
}

relations! {
    HasMany<P, C, K> from P;
    HasOne<P, C, K> from P;
    BelongsTo<C, P, K> from C;
    ManyToMany<P, C, ToP, ToC> from P;
}

/// Each row's related rows, held as `Sh` says.
fn shaped<X: Clone, Sh: Shape<X>>(related: Related<X>) -> Result<Vec<Sh::Out>> {
    related.grouped().into_iter().map(Sh::shape).collect()
}
