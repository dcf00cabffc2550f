//! Keys: the values that find a model and match parents with children.

use chrono::{DateTime, NaiveDate, NaiveDateTime, NaiveTime, Utc};
use rust_decimal::Decimal;
use uuid::Uuid;

use super::Field;
use crate::ast::{Expr, OrderBy};
use crate::dsl::Column;
use crate::dsl::rust_types::BindValue;
use crate::dsl::selection::RowCursor;
use crate::dsl::sql_types::SqlType;
use crate::dsl::table::HasPrimaryKey;
use crate::error::Result;
use crate::render::Dialect;
use crate::value::{ToValue, Value};

/// One column's value in a key, the same whatever Rust type holds it: an `i32` field and an
/// `i64` column of equal value are equal parts.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum KeyPart {
    /// A boolean.
    Bool(bool),
    /// An integer of any width and sign.
    Int(i128),
    /// Text.
    Text(String),
    /// Bytes.
    Bytes(Vec<u8>),
    /// A decimal, normalised (`1.50` and `1.5` are one key).
    Decimal(Decimal),
    /// A UUID.
    Uuid(Uuid),
    /// A date.
    Date(NaiveDate),
    /// A time of day.
    Time(NaiveTime),
    /// A timestamp.
    Timestamp(NaiveDateTime),
    /// A timestamp with time zone, in UTC.
    TimestampTz(DateTime<Utc>),
}

impl KeyPart {
    /// The key part a value stands for: none for `NULL`, which matches nothing, and none for
    /// values that cannot be keys (floating point, JSON, arrays).
    pub fn of(value: Value) -> Option<KeyPart> {
        let part = match value {
            Value::Bool(b) => KeyPart::Bool(b),
            Value::Text(text) => KeyPart::Text(text),
            Value::Bytes(bytes) => KeyPart::Bytes(bytes),
            Value::Decimal(d) => KeyPart::Decimal(d.normalize()),
            Value::Uuid(uuid) => KeyPart::Uuid(uuid),
            Value::Date(date) => KeyPart::Date(date),
            Value::Time(time) => KeyPart::Time(time),
            Value::Timestamp(at) => KeyPart::Timestamp(at),
            Value::TimestampTz(at) => KeyPart::TimestampTz(at),
            other => KeyPart::Int(other.as_integer()?),
        };
        Some(part)
    }
}

impl KeyPart {
    /// The part as a value to bind (an integer as the narrowest of `i64`, `u64`, `i128`
    /// that holds it; the driver converts it to the column's type).
    pub fn to_value(&self) -> Value {
        match self {
            KeyPart::Bool(b) => Value::Bool(*b),
            KeyPart::Int(n) => match (i64::try_from(*n), u64::try_from(*n)) {
                (Ok(n), _) => Value::I64(n),
                (_, Ok(n)) => Value::U64(n),
                _ => unreachable!("key parts are read from integers of at most 64 bits"),
            },
            KeyPart::Text(text) => Value::Text(text.clone()),
            KeyPart::Bytes(bytes) => Value::Bytes(bytes.clone()),
            KeyPart::Decimal(d) => Value::Decimal(*d),
            KeyPart::Uuid(uuid) => Value::Uuid(*uuid),
            KeyPart::Date(date) => Value::Date(*date),
            KeyPart::Time(time) => Value::Time(*time),
            KeyPart::Timestamp(at) => Value::Timestamp(*at),
            KeyPart::TimestampTz(at) => Value::TimestampTz(*at),
        }
    }
}

/// A row's key: the parts of its key columns, in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Key {
    /// A key of one column.
    One(KeyPart),
    /// A key of several columns.
    Composite(Box<[KeyPart]>),
}

/// Hashes a key of one integer as the integer alone: most keys are, and they are hashed once
/// per row loaded.
impl std::hash::Hash for Key {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        match self {
            Key::One(KeyPart::Int(n)) => state.write_i128(*n),
            Key::One(part) => part.hash(state),
            Key::Composite(parts) => parts.hash(state),
        }
    }
}

impl Key {
    /// The key's values, to bind.
    pub fn values(&self) -> Vec<Value> {
        match self {
            Key::One(part) => vec![part.to_value()],
            Key::Composite(parts) => parts.iter().map(KeyPart::to_value).collect(),
        }
    }
}

/// A Rust type that can hold a key column's value: integers, text, bytes, decimals, UUIDs,
/// dates and times, and `Option`s of them (whose `None` matches nothing).
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot hold a key",
    note = "keys are integers, text, bytes, decimals, UUIDs, dates or times (or `Option`s of them): never floating point or JSON"
)]
pub trait KeyValue: ToValue {
    /// The key part it holds, if not `None`.
    fn key_part(&self) -> Option<KeyPart> {
        KeyPart::of(self.to_value())
    }
}

macro_rules! key_values {
    ($($ty:ty),*) => {$(impl KeyValue for $ty {})*};
}

key_values!(
    bool,
    i8,
    i16,
    i32,
    i64,
    u8,
    u16,
    u32,
    u64,
    String,
    Vec<u8>,
    Decimal,
    Uuid
);
key_values!(NaiveDate, NaiveTime, NaiveDateTime, DateTime<Utc>);

impl<T: KeyValue> KeyValue for Option<T> {}

/// Rust values that name a row of the table `T` by its primary key: one value of the key
/// column's type, or a tuple of one per column for a composite key.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a primary key value of `{T}`",
    label = "not a key of this table",
    note = "a key of one column takes one value of its type; a key of several columns a tuple of one value per column, in order"
)]
pub trait KeyOf<T> {
    /// The values, bound as the columns' types.
    fn key_values(self) -> Vec<Value>;
}

#[diagnostic::do_not_recommend]
impl<T: HasPrimaryKey, V: KeyValues<T::PrimaryKey>> KeyOf<T> for V {
    fn key_values(self) -> Vec<Value> {
        KeyValues::key_values(self)
    }
}

/// Rust values of the key columns `Cols`: [`KeyOf`] a table by its primary key's columns.
pub trait KeyValues<Cols> {
    /// The values, bound as the columns' types.
    fn key_values(self) -> Vec<Value>;
}

/// A tuple of the key columns of one table (a primary key, a foreign key's either side).
pub trait KeyColumns {
    /// Their SQL names, in order.
    fn names() -> Vec<&'static str>;

    /// Reads their values from the next cells of a row, as [`Key`].
    fn read_key(cursor: &mut RowCursor<'_>) -> Result<Option<Key>>;
}

/// A model's values of the key columns `Cols`.
pub trait FieldsKey<Cols> {
    /// Its key, or `None` when a part is `NULL`.
    fn key(&self) -> Option<Key>;
}

macro_rules! key_tuples {
    ($(($($col:ident $value:ident),+))*) => {$(
        impl<$($col: Column, $value: BindValue<<$col::SqlType as SqlType>::Base>),+>
            KeyValues<($($col,)+)> for key_tuples!(@values $($value)+)
        {
            #[allow(non_snake_case, reason = "the bindings are named after their types")]
            fn key_values(self) -> Vec<Value> {
                let key_tuples!(@values $($value)+) = self;
                vec![$($value.into_expr().into_value()),+]
            }
        }

        impl<$($col: Column),+> KeyColumns for ($($col,)+) {
            fn names() -> Vec<&'static str> {
                vec![$($col::NAME),+]
            }

            fn read_key(cursor: &mut RowCursor<'_>) -> Result<Option<Key>> {
                let parts = [$(key_tuples!(@read $col cursor)),+];
                Ok(key_of_parts(parts))
            }
        }

        impl<M, $($col: Column),+> FieldsKey<($($col,)+)> for M
        where
            $(M: Field<$col>, <M as Field<$col>>::Value: KeyValue),+
        {
            fn key(&self) -> Option<Key> {
                key_of_parts([$(<M as Field<$col>>::field(self).key_part()),+])
            }
        }
    )*};
    (@values $only:ident) => { $only };
    (@values $($value:ident)+) => { ($($value,)+) };
    (@read $col:ident $cursor:ident) => { KeyPart::of($cursor.read::<Value>()?) };
}

key_tuples! {
    (A VA)
    (A VA, B VB)
    (A VA, B VB, C VC)
    (A VA, B VB, C VC, D VD)
}

/// The key of `parts`, or `None` when one is missing.
fn key_of_parts<const N: usize>(parts: [Option<KeyPart>; N]) -> Option<Key> {
    let mut parts = parts.into_iter();
    match N {
        1 => Some(Key::One(parts.next()??)),
        _ => Some(Key::Composite(parts.collect::<Option<_>>()?)),
    }
}

/// `key IN (…)` on the columns `names` of the table named `qualifier`, for each key's values.
pub(crate) fn matching_columns(
    qualifier: &'static str,
    names: &[&'static str],
    keys: &[Vec<Value>],
) -> Expr {
    let column = |name: &&'static str| Expr::column(qualifier, *name);
    let (expr, list) = match names {
        [name] => (
            column(name),
            keys.iter().map(|key| Expr::Param(key[0].clone())).collect(),
        ),
        names => (
            Expr::Row(names.iter().map(column).collect()),
            keys.iter()
                .map(|key| Expr::Row(key.iter().cloned().map(Expr::Param).collect()))
                .collect(),
        ),
    };
    Expr::InList {
        expr: Box::new(expr),
        list,
        negated: false,
    }
}

/// [`matching_columns`] on the primary key of `T`.
pub(crate) fn matching<T: HasPrimaryKey>(keys: &[Vec<Value>]) -> Expr {
    matching_columns(T::qualifier(), T::PRIMARY_KEY, keys)
}

/// `ORDER BY` the primary key of `T`.
pub(crate) fn primary_key_order<T: HasPrimaryKey>() -> Vec<OrderBy> {
    T::PRIMARY_KEY
        .iter()
        .map(|name| Expr::column(T::qualifier(), *name).asc())
        .collect()
}

/// How many `keys` one statement binds: at most half the dialect's parameters (the rest is
/// left for the query's own values).
pub(crate) fn chunk_len(keys: &[Vec<Value>], dialect: &dyn Dialect) -> usize {
    let width = keys.first().map_or(1, Vec::len).max(1);
    (dialect.max_params() / 2 / width).max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn integer_keys_of_any_width_are_one_part() {
        assert_eq!(KeyPart::of(Value::I32(7)), KeyPart::of(Value::I64(7)));
        assert_eq!(KeyPart::of(Value::U8(7)), Some(KeyPart::Int(7)));
        assert_eq!(KeyPart::of(Value::Null), None);
        assert_eq!(KeyPart::of(Value::F64(1.0)), None);
    }

    #[test]
    fn decimals_are_normalised_and_null_parts_make_no_key() {
        let a = KeyPart::of(Value::Decimal(Decimal::new(150, 2)));
        let b = KeyPart::of(Value::Decimal(Decimal::new(15, 1)));
        assert_eq!(a, b);
        assert_eq!(key_of_parts([Some(KeyPart::Int(1)), None]), None);
        assert_eq!(
            key_of_parts([Some(KeyPart::Int(1))]),
            Some(Key::One(KeyPart::Int(1)))
        );
    }
}
