//! CSV exporter: a header row, RFC 4180 quoting.

use std::io::Write;

use super::{Cell, Exporter, Table};

/// Writes tables as CSV.
pub struct CsvExporter;

impl Exporter for CsvExporter {
    fn write(&self, table: &Table, out: &mut dyn Write) -> std::io::Result<()> {
        let mut w = csv::WriterBuilder::new()
            .terminator(csv::Terminator::Any(b'\n'))
            .from_writer(out);
        w.write_record(&table.columns)?;
        for row in &table.rows {
            w.write_record(row.iter().map(|c| match c {
                Cell::Text(s) => s.clone(),
                Cell::Int(n) => n.to_string(),
                Cell::Float(x) => format!("{x:.3}"),
                Cell::Null => String::new(),
            }))?;
        }
        w.flush()
    }
}
