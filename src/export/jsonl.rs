//! JSON Lines exporter: one object per row with the table's column names as keys.

use std::io::Write;

use serde_json::{Map, Value};

use super::{Cell, Exporter, Table};

/// Writes tables as JSON Lines.
pub struct JsonlExporter;

impl Exporter for JsonlExporter {
    fn write(&self, table: &Table, out: &mut dyn Write) -> std::io::Result<()> {
        for row in &table.rows {
            let mut obj = Map::with_capacity(row.len());
            for (k, c) in table.columns.iter().zip(row) {
                let v = match c {
                    Cell::Text(s) => Value::String(s.clone()),
                    Cell::Int(n) => Value::from(*n),
                    Cell::Float(x) => serde_json::Number::from_f64((x * 1000.0).round() / 1000.0)
                        .map_or(Value::Null, Value::Number),
                    Cell::Null => Value::Null,
                };
                obj.insert(k.clone(), v);
            }
            serde_json::to_writer(&mut *out, &Value::Object(obj))?;
            out.write_all(b"\n")?;
        }
        Ok(())
    }
}
