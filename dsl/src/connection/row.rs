//! One result row: cells as [`Value`]s, decoded on demand by index or name.

use std::sync::Arc;

use crate::error::{DecodeError, Result};
use crate::value::{Cells, FromValue, Value};

/// A row of a result set.
///
/// ```
/// use dovetail::Row;
/// use dovetail::value::Value;
///
/// let row = Row::new(vec!["id".into(), "name".into()].into(), vec![Value::I64(7), Value::Null]);
/// assert_eq!(row.get::<i32>(0).unwrap(), 7);
/// assert_eq!(row.get::<Option<String>>(1).unwrap(), None);
/// assert!(row.get::<String>(1).is_err());
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    columns: Arc<[String]>,
    values: Vec<Value>,
}

impl Cells for Row {
    fn len(&self) -> usize {
        self.values.len()
    }

    fn column_name(&self, index: usize) -> &str {
        self.columns.get(index).map_or("?", String::as_str)
    }

    fn take(&mut self, index: usize) -> Result<Value> {
        match self.values.get_mut(index) {
            Some(value) => Ok(std::mem::replace(value, Value::Null)),
            None => Err(DecodeError::new("a value", "missing column")
                .because(format!("the row has {} columns", self.values.len()))
                .into()),
        }
    }
}

/// Collects rows of [`Cells`] into [`Row`]s sharing one list of column names.
#[derive(Debug, Default)]
pub(crate) struct RowBuilder {
    columns: Option<Arc<[String]>>,
}

impl RowBuilder {
    /// `cells` as an owned row.
    pub(crate) fn build(&mut self, cells: &mut dyn Cells) -> Result<Row> {
        let count = cells.len();
        let columns = self.columns.get_or_insert_with(|| {
            (0..count)
                .map(|i| cells.column_name(i).to_owned())
                .collect()
        });
        let values = (0..count)
            .map(|i| cells.take(i))
            .collect::<Result<Vec<_>>>()?;
        Ok(Row::new(Arc::clone(columns), values))
    }
}

impl Row {
    /// A row with these column names (shared by all rows of a result) and cells.
    pub fn new(columns: Arc<[String]>, values: Vec<Value>) -> Row {
        Row { columns, values }
    }

    /// Decodes the cell at `index` (0-based) into `T`.
    pub fn get<T: FromValue>(&self, index: usize) -> Result<T> {
        let name = self.columns.get(index).map_or("?", String::as_str);
        let value = self.values.get(index).cloned().ok_or_else(|| {
            DecodeError::new(std::any::type_name::<T>(), "missing column")
                .because(format!("the row has {} columns", self.values.len()))
        })?;
        T::from_value(value).map_err(|e| e.in_column(index, name).into())
    }

    /// Decodes the cell of the column called `name` into `T`.
    pub fn get_by_name<T: FromValue>(&self, name: &str) -> Result<T> {
        let index = self.columns.iter().position(|c| c == name).ok_or_else(|| {
            DecodeError::new(std::any::type_name::<T>(), "missing column")
                .because(format!("no column is named `{name}`"))
        })?;
        self.get(index)
    }

    /// The column names, in order.
    pub fn columns(&self) -> &[String] {
        &self.columns
    }

    /// The raw cells, in order.
    pub fn values(&self) -> &[Value] {
        &self.values
    }

    /// The raw cells, owned.
    pub fn into_values(self) -> Vec<Value> {
        self.values
    }

    /// The number of cells.
    pub fn len(&self) -> usize {
        self.values.len()
    }

    /// Whether the row has no cells.
    pub fn is_empty(&self) -> bool {
        self.values.is_empty()
    }
}
