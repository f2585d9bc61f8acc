import BudgetCore

/// Decides how to read a submitted file's bytes.
///
/// In order, stopping at the first that applies:
/// 1. A ZIP/XLSX, XLS or PDF signature → `unreadable-encoding` ("spreadsheet", "pdf").
/// 2. `--encoding` given → that encoding, no guessing (``detectRequested``).
/// 3. A BOM → UTF-8 or UTF-16 in its byte order.
/// 4. NUL bytes at alternate positions → UTF-16 without a BOM (``UTF16Sniffer``).
/// 5. Valid UTF-8 → UTF-8 (tentative while the prefix is all ASCII and not the whole
///    file); UTF-8 with a few bad bytes among many good sequences → `unreadable-encoding`
///    at the first bad byte (``UTF8Survey``).
/// 6. Otherwise Windows-1258, unless a byte is not text in it (NUL, unassigned, C0
///    control other than tab/CR/LF) → `unreadable-encoding` at that byte.
///
/// Whatever the encoding, text that looks like TCVN3 or VNI is reported as
/// `legacy-encoding` (``LegacyEncodingDetector``) and not read. Every finding about a byte
/// has the 1-based physical line of that byte.
public enum EncodingDetector {
    /// Decides the encoding from the first bytes of a file (`prefix`, up to ~1 MiB;
    /// `isWholeFile` when it is all of it). `requested`: the user's --encoding (then no
    /// guessing: BOM skipping and validity/legacy checks only; `--encoding tcvn3` converts
    /// TCVN3). `excludeUTF8`: the reader found invalid UTF-8 later in a file first judged
    /// UTF-8 and starts over.
    ///
    /// Complexity: O(n) in `prefix.count`.
    public static func detect(
        _ prefix: UnsafeBufferPointer<UInt8>, isWholeFile: Bool, requested: SourceEncoding?, excludeUTF8: Bool
    ) -> EncodingDetection {
        if let finding = FileSignature.finding(prefix) { return .refused(finding) }
        if let requested { return detectRequested(requested, prefix, isWholeFile: isWholeFile) }
        switch ByteOrderMark.match(prefix) {
        case .utf8?:
            let encoding: SourceEncoding = excludeUTF8 ? .windows1258 : .utf8
            return checked(encoding, prefix, from: 3, isWholeFile: isWholeFile)
        case .utf16LE?:
            return checked(.utf16LE, prefix, from: 2, isWholeFile: isWholeFile)
        case .utf16BE?:
            return checked(.utf16BE, prefix, from: 2, isWholeFile: isWholeFile)
        case nil:
            break
        }
        if let order = UTF16Sniffer.byteOrder(prefix) {
            let detection = checked(
                order == .utf16BE ? .utf16BE : .utf16LE, prefix, from: 0, isWholeFile: isWholeFile)
            // Not valid UTF-16 after all: judged below as Windows-1258, which refuses the NULs.
            if detection.encoding != nil || detection.findings.first?.code == .legacyEncoding {
                return detection
            }
        }
        if !excludeUTF8, let detection = detectUTF8(prefix, isWholeFile: isWholeFile) {
            return detection
        }
        return checked(.windows1258, prefix, from: 0, isWholeFile: isWholeFile)
    }

    /// The `unreadable-encoding` finding for a byte that is not text, for the reader to
    /// report invalid bytes it meets after the prefix the same way detection does.
    ///
    /// - Parameters:
    ///   - byte: the offending byte (the first byte of an invalid sequence or code unit).
    ///   - offset: its 0-based offset in the file, BOM included (as a hex editor shows it).
    ///   - line: its 1-based physical line, if known.
    public static func unreadableFinding(byte: UInt8, offset: Int, line: Int?) -> Finding {
        Finding(
            .unreadableEncoding, line: line, value: "0x\(hex(byte, digits: 2))", arguments: ["offset": String(offset)])
    }

    /// BOM-less UTF-8: readable when the prefix is well-formed (a sequence cut by the end of
    /// a partial prefix is fine), refused when it is damaged UTF-8, nil when it is not UTF-8.
    static func detectUTF8(_ prefix: UnsafeBufferPointer<UInt8>, isWholeFile: Bool) -> EncodingDetection? {
        var validator = UTF8Validator()
        if validator.validate(prefix, isFinal: isWholeFile) == nil {
            let isTentative = !isWholeFile && !prefix.contains { $0 >= 0x80 }
            var readable = EncodingDetection.readable(.utf8, bomLength: 0, isTentative: isTentative)
            readable.isValidWholeUTF8 = isWholeFile
            return withLegacyCheck(readable, prefix, source: .utf8)
        }
        let survey = UTF8Survey(prefix, from: 0, isWholeFile: isWholeFile)
        guard survey.isDamagedUTF8, let bad = survey.firstInvalid else { return nil }
        let line = TextPosition.line(ofOffset: bad, in: prefix)
        return .refused(unreadableFinding(byte: prefix[bad], offset: bad, line: line))
    }

    /// `value` in upper-case hexadecimal, zero-padded to `digits`.
    static func hex<Value: BinaryInteger>(_ value: Value, digits: Int) -> String {
        let text = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, digits - text.count)) + text
    }
}
