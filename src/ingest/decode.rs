//! Bytes to text: gzip, byte-order marks, binary detection and legacy encodings.

use std::io::Read;

/// Largest file read, after decompression (bytes). Larger files are skipped with a reason.
pub const MAX_FILE_BYTES: u64 = 512 * 1024 * 1024;

/// Text decoded from a file, with a warning when it was not plain UTF-8.
#[derive(Debug)]
pub struct Decoded {
    /// The text, without a byte-order mark.
    pub text: String,
    /// Set when the bytes were re-decoded (UTF-16, Windows-1252).
    pub warning: Option<String>,
}

/// Decompresses (when `gz`) and decodes a file's bytes; `Err` carries the reason to skip it.
pub fn decode(raw: Vec<u8>, gz: bool) -> Result<Decoded, String> {
    let bytes = if gz {
        let mut out = Vec::new();
        flate2::read::MultiGzDecoder::new(&raw[..])
            .take(MAX_FILE_BYTES + 1)
            .read_to_end(&mut out)
            .map_err(|e| format!("not valid gzip: {e}"))?;
        if out.len() as u64 > MAX_FILE_BYTES {
            return Err(format!(
                "larger than {} MiB when decompressed",
                MAX_FILE_BYTES >> 20
            ));
        }
        out
    } else {
        raw
    };
    decode_text(bytes)
}

/// Decodes text bytes: UTF-8 (BOM dropped), UTF-16 with a BOM, else Windows-1252 when the bytes
/// look like text. Binary data (NUL bytes, many control characters) is an error.
pub fn decode_text(bytes: Vec<u8>) -> Result<Decoded, String> {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        let enc = if bytes[0] == 0xFF {
            encoding_rs::UTF_16LE
        } else {
            encoding_rs::UTF_16BE
        };
        let (text, _, had_errors) = enc.decode(&bytes);
        let warning = Some(format!(
            "decoded as {}{}",
            enc.name(),
            if had_errors {
                " (some characters were invalid and replaced)"
            } else {
                ""
            }
        ));
        return finish(text.into_owned(), warning);
    }
    let body = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(&bytes);
    let head = &body[..body.len().min(8192)];
    let controls = head
        .iter()
        .filter(|&&b| b < 0x09 || (0x0E..0x20).contains(&b))
        .count();
    if head.contains(&0) || controls * 20 > head.len().max(1) {
        return Err("binary file, not text".to_string());
    }
    match std::str::from_utf8(body) {
        Ok(s) => finish(s.to_string(), None),
        Err(e) => {
            let (text, _, _) = encoding_rs::WINDOWS_1252.decode(body);
            finish(
                text.into_owned(),
                Some(format!(
                    "not valid UTF-8 (at byte {}); decoded as Windows-1252",
                    e.valid_up_to()
                )),
            )
        }
    }
}

fn finish(text: String, warning: Option<String>) -> Result<Decoded, String> {
    if text.trim().is_empty() {
        return Err("empty file".to_string());
    }
    // Lone CR line ends (old Mac files) become LF; CRLF is handled by `str::lines`.
    let text = if text.contains('\r') && !text.contains('\n') {
        text.replace('\r', "\n")
    } else {
        text
    };
    Ok(Decoded { text, warning })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_bom_is_dropped() {
        assert_eq!(decode_text(b"\xEF\xBB\xBFhi".to_vec()).unwrap().text, "hi");
    }

    #[test]
    fn utf16_with_bom_is_decoded_with_a_warning() {
        let mut b = vec![0xFF, 0xFE];
        for u in "Héllo".encode_utf16() {
            b.extend(u.to_le_bytes());
        }
        let d = decode_text(b).unwrap();
        assert_eq!(d.text, "Héllo");
        assert!(d.warning.unwrap().contains("UTF-16LE"));
    }

    #[test]
    fn latin1_is_redecoded_with_a_warning() {
        let d = decode_text(b"caf\xe9 \x93quoted\x94".to_vec()).unwrap();
        assert_eq!(d.text, "café “quoted”");
        assert!(d.warning.unwrap().contains("Windows-1252"));
    }

    #[test]
    fn binary_and_empty_files_are_errors() {
        assert!(
            decode_text(vec![0x7f, b'E', b'L', b'F', 0, 0, 1])
                .unwrap_err()
                .contains("binary")
        );
        assert!(
            decode_text(b"  \n\n ".to_vec())
                .unwrap_err()
                .contains("empty")
        );
    }

    #[test]
    fn lone_cr_line_ends_become_newlines() {
        assert_eq!(decode_text(b"a\rb\r".to_vec()).unwrap().text, "a\nb\n");
    }

    #[test]
    fn gzip_is_decompressed_and_garbage_is_an_error() {
        use std::io::Write;
        let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        e.write_all(b"hello").unwrap();
        assert_eq!(decode(e.finish().unwrap(), true).unwrap().text, "hello");
        assert!(decode(b"nope".to_vec(), true).unwrap_err().contains("gzip"));
    }
}
