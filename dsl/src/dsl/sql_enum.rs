//! Enumerated SQL types (PostgreSQL `CREATE TYPE … AS ENUM`, MySQL `ENUM(…)`) as Rust enums.
//!
//! ```
//! use dovetail::prelude::*;
//!
//! mod schema {
//!     dovetail::sql_enum! {
//!         /// How a ticket feels.
//!         pub enum Mood {
//!             Happy = "happy",
//!             SoSo = "so-so",
//!         }
//!     }
//!     dovetail::table! { ticket { id: Integer, mood: Mood, previous: Nullable<Mood> } }
//! }
//! use schema::*;
//!
//! let query = ticket::table.filter(ticket::mood.eq(Mood::SoSo)).select(ticket::previous);
//! let rendered = query.to_sql(&Postgres).unwrap();
//! assert_eq!(rendered.params, vec![dovetail::value::Value::Text("so-so".into())]);
//! assert_eq!("happy".parse::<Mood>(), Ok(Mood::Happy));
//! ```

/// Declares a Rust enum that is also the SQL type of enum columns: values bind as their labels
/// and decode from them (an unknown label is a decode error).
#[macro_export]
macro_rules! sql_enum {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident {
            $($(#[$variant_meta:meta])* $variant:ident = $label:literal),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        $vis enum $name {
            $($(#[$variant_meta])* #[doc = concat!("`", $label, "`")] $variant),+
        }

        impl $name {
            /// The SQL label of this value.
            pub const fn label(self) -> &'static str {
                match self {
                    $($name::$variant => $label),+
                }
            }
        }

        impl ::std::str::FromStr for $name {
            type Err = ::std::string::String;

            fn from_str(label: &str) -> ::std::result::Result<Self, Self::Err> {
                match label {
                    $($label => ::std::result::Result::Ok($name::$variant),)+
                    other => ::std::result::Result::Err(::std::format!(
                        "`{other}` is not a label of {}", stringify!($name)
                    )),
                }
            }
        }

        impl $crate::dsl::sql_types::SqlType for $name {
            type IsNull = $crate::dsl::sql_types::NotNull;
            type Base = $name;
        }

        impl $crate::dsl::sql_types::SameBase<$name> for $name {}

        impl $crate::dsl::sql_types::Orderable for $name {}

        impl $crate::value::ToValue for $name {
            fn to_value(&self) -> $crate::value::Value {
                $crate::value::Value::Text(self.label().into())
            }
        }

        impl $crate::value::FromValue for $name {
            fn from_value(
                value: $crate::value::Value,
            ) -> ::std::result::Result<Self, $crate::DecodeError> {
                let text = <::std::string::String as $crate::value::FromValue>::from_value(value)?;
                text.parse().map_err(|reason: ::std::string::String| {
                    $crate::DecodeError::new(stringify!($name), "text").because(reason)
                })
            }
        }

        #[diagnostic::do_not_recommend]
        impl $crate::dsl::FromSql<$name> for $name {}

        impl $crate::dsl::reads::RustType for $name {
            type Rust = $name;
        }

        impl $crate::dsl::FromRow<$name> for $name {
            fn from_row(
                cursor: &mut $crate::dsl::RowCursor<'_>,
            ) -> $crate::Result<Self> {
                cursor.read()
            }
        }

        #[diagnostic::do_not_recommend]
        impl $crate::dsl::AsExpr<$name> for $name {
            type Expr = $crate::dsl::Bind<$name>;

            fn into_expr(self) -> Self::Expr {
                $crate::dsl::Bind::new($crate::value::ToValue::to_value(&self))
            }
        }

        #[diagnostic::do_not_recommend]
        impl $crate::dsl::AsExpr<$crate::dsl::sql_types::Nullable<$name>> for $name {
            type Expr = $crate::dsl::Bind<$crate::dsl::sql_types::Nullable<$name>>;

            fn into_expr(self) -> Self::Expr {
                $crate::dsl::Bind::new($crate::value::ToValue::to_value(&self))
            }
        }

        #[diagnostic::do_not_recommend]
        impl $crate::dsl::rust_types::BindValue<$name> for $name {}

        impl $crate::dsl::rust_types::Nullness for $name {
            type IsNull = $crate::dsl::sql_types::NotNull;
        }

        impl $crate::dsl::sql_enum::SqlEnum for $name {}
    };
}

use super::expression::{AsExpr, Bind};
use super::rust_types::BindValue;
use super::sql_types::{NotNull, Nullable, SqlType};
use crate::value::ToValue;

/// A Rust enum declared with [`sql_enum!`](crate::sql_enum): it is its own SQL type.
pub trait SqlEnum: SqlType<IsNull = NotNull, Base = Self> + ToValue {}

#[diagnostic::do_not_recommend]
impl<E: SqlEnum> AsExpr<Nullable<E>> for Option<E> {
    type Expr = Bind<Nullable<E>>;

    fn into_expr(self) -> Self::Expr {
        Bind::new(self.to_value())
    }
}

#[diagnostic::do_not_recommend]
impl<E: SqlEnum> BindValue<Nullable<E>> for Option<E> {}
