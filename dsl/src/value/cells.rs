//! The cells of one result row as a driver hands them over: the one interface between the
//! drivers (which implement [`Cells`]) and the decoders of this layer ([`FromValue`]).
//!
//! [`FromValue`]: super::FromValue

use super::Value;
use crate::error::Result;

/// The cells of one row as the driver delivered it, each moved out once: what typed decoding
/// reads, so a cell goes from the driver to its Rust value without an intermediate row.
pub trait Cells {
    /// How many cells the row has.
    fn len(&self) -> usize;

    /// Whether the row has no cells.
    fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// How many rows of the result come after this one that the driver holds already (it read
    /// the whole result first), so a caller collecting rows can reserve room once; 0 when it
    /// does not know.
    fn rows_after(&self) -> usize {
        0
    }

    /// The name of column `index` (for error messages).
    fn column_name(&self, index: usize) -> &str;

    /// The cell at `index`, moved out (a second take yields `NULL`).
    fn take(&mut self, index: usize) -> Result<Value>;

    /// The cell at `index` as text (`Ok(None)` for NULL), straight from the driver when the
    /// column holds text; `None` (nothing taken) when it does not, for [`Cells::take`].
    fn take_text(&mut self, index: usize) -> Option<Result<Option<String>>> {
        let _ = index;
        None
    }

    /// The cell at `index` as a 64-bit integer, as [`Cells::take_text`] does for text.
    fn take_i64(&mut self, index: usize) -> Option<Result<Option<i64>>> {
        let _ = index;
        None
    }

    /// The cell at `index` as a 32-bit integer, as [`Cells::take_text`] does for text.
    fn take_i32(&mut self, index: usize) -> Option<Result<Option<i32>>> {
        let _ = index;
        None
    }

    /// The cell at `index` as a decimal, where the driver knows more than the cell's
    /// [`Value`] says (SQLite: the scale its column is declared with), as
    /// [`Cells::take_text`] does for text.
    fn take_decimal(&mut self, index: usize) -> Option<Result<Option<rust_decimal::Decimal>>> {
        let _ = index;
        None
    }
}
