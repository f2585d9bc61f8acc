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
            if excludeUTF8 { return detectWindows1258(prefix, from: 3) }
            return checked(.utf8, prefix, from: 3, isWholeFile: isWholeFile)
        case .utf16LE?:
            return checked(.utf16LE, prefix, from: 2, isWholeFile: isWholeFile)
        case .utf16BE?:
            return checked(.utf16BE, prefix, from: 2, isWholeFile: isWholeFile)
        case nil:
            break
        }
        if let order = UTF16Sniffer.byteOrder(prefix) {
            let encoding: SourceEncoding = order == .utf16BE ? .utf16BE : .utf16LE
            let detection = checked(encoding, prefix, from: 0, isWholeFile: isWholeFile)
            if detection.encoding != nil || detection.findings.first?.code == .legacyEncoding { return detection }
        }
        if !excludeUTF8 {
            var validator = UTF8Validator()
            if validator.validate(prefix, isFinal: false) == nil {
                // Well-formed so far; a sequence cut by the end of a partial prefix is fine.
                let complete = isWholeFile ? validator.validate(UnsafeBufferPointer(start: nil, count: 0), isFinal: true) == nil : true
                if complete {
                    let tentative = !isWholeFile && !prefix.contains { $0 >= 0x80 }
                    return withLegacyCheck(.readable(.utf8, bomLength: 0, isTentative: tentative), prefix, source: .utf8)
                }
            }
            let survey = UTF8Survey(prefix, from: 0, isWholeFile: isWholeFile)
            if survey.isDamagedUTF8, let bad = survey.firstInvalid {
                return .refused(unreadableFinding(byte: prefix[bad], offset: bad, line: TextPosition.line(ofOffset: bad, in: prefix)))
            }
        }
        return detectWindows1258(prefix, from: 0)
    }

    /// The `unreadable-encoding` finding for a byte that is not text, for the reader to
    /// report invalid bytes it meets after the prefix the same way detection does.
    ///
    /// - Parameters:
    ///   - byte: the offending byte (the first byte of an invalid sequence or code unit).
    ///   - offset: its 0-based offset in the file, BOM included (as a hex editor shows it).
    ///   - line: its 1-based physical line, if known.
    public static func unreadableFinding(byte: UInt8, offset: Int, line: Int?) -> Finding {
        let hex = String(byte, radix: 16, uppercase: true)
        return Finding(
            .unreadableEncoding, line: line, value: "byte 0x\(hex.count < 2 ? "0" + hex : hex) at offset \(offset)")
    }

    // MARK: Steps

    /// `--encoding` given: validity and legacy checks only.
    ///
    /// A UTF-16 request follows the file's BOM for the byte order (`utf-16` names no order
    /// and a BOM is unambiguous). A UTF-8 request skips a UTF-8 BOM. Any other BOM is taken
    /// as content: the user asked for that reading. TCVN3 gets `bomLength` 0 and no legacy
    /// check (its transcoder reads the BOM and the text is legacy by definition).
    static func detectRequested(
        _ requested: SourceEncoding, _ prefix: UnsafeBufferPointer<UInt8>, isWholeFile: Bool
    ) -> EncodingDetection {
        let mark = ByteOrderMark.match(prefix)
        switch requested {
        case .utf8:
            return checked(.utf8, prefix, from: mark == .utf8 ? 3 : 0, isWholeFile: isWholeFile)
        case .utf16LE, .utf16BE:
            switch mark {
            case .utf16LE?: return checked(.utf16LE, prefix, from: 2, isWholeFile: isWholeFile)
            case .utf16BE?: return checked(.utf16BE, prefix, from: 2, isWholeFile: isWholeFile)
            default: return checked(requested, prefix, from: 0, isWholeFile: isWholeFile)
            }
        case .windows1258:
            return checked(.windows1258, prefix, from: 0, isWholeFile: isWholeFile)
        case .tcvn3:
            var transcoder = Transcoder(.tcvn3)
            var output: [UInt8] = []
            if let bad = transcoder.transcode(prefix, isFinal: isWholeFile, into: &output) {
                let utf16: Bool? = mark == .utf16LE ? false : mark == .utf16BE ? true : nil
                return .refused(unreadableFinding(byte: prefix[bad], offset: bad, line: TextPosition.line(ofOffset: bad, in: prefix, utf16: utf16)))
            }
            return .readable(.tcvn3, bomLength: 0)
        }
    }

    /// Windows-1258, the fallback: text unless a byte is not.
    static func detectWindows1258(_ prefix: UnsafeBufferPointer<UInt8>, from start: Int) -> EncodingDetection {
        checked(.windows1258, prefix, from: start, isWholeFile: false)
    }

    /// Reads `prefix[start...]` in `encoding`: unreadable at the first byte that is not text,
    /// else readable with the legacy check.
    static func checked(
        _ encoding: SourceEncoding, _ prefix: UnsafeBufferPointer<UInt8>, from start: Int, isWholeFile: Bool
    ) -> EncodingDetection {
        let body = UnsafeBufferPointer(rebasing: prefix[start...])
        var transcoder = Transcoder(encoding)
        var output: [UInt8] = []
        output.reserveCapacity(body.count + body.count / 2)
        if let bad = transcoder.transcode(body, isFinal: isWholeFile, into: &output) {
            let offset = start + bad
            let utf16: Bool? = encoding == .utf16LE ? false : encoding == .utf16BE ? true : nil
            let lineBytes = UnsafeBufferPointer(rebasing: prefix[start...])
            let line = TextPosition.line(ofOffset: bad, in: lineBytes, utf16: utf16)
            if utf16 != nil, offset + 1 < prefix.count {
                let unit = utf16 == true
                    ? UInt16(prefix[offset]) << 8 | UInt16(prefix[offset + 1])
                    : UInt16(prefix[offset + 1]) << 8 | UInt16(prefix[offset])
                let hex = String(unit, radix: 16, uppercase: true)
                let value = "code unit 0x\(String(repeating: "0", count: 4 - hex.count))\(hex) at offset \(offset)"
                return .refused(Finding(.unreadableEncoding, line: line, value: value), bomLength: start)
            }
            let byte = offset < prefix.count ? prefix[offset] : 0
            return .refused(unreadableFinding(byte: byte, offset: offset, line: line), bomLength: start)
        }
        let source: LegacyText.Source
        switch encoding {
        case .utf8: source = .utf8
        case .utf16LE: source = .utf16(bigEndian: false)
        case .utf16BE: source = .utf16(bigEndian: true)
        case .windows1258, .tcvn3: source = .bytes
        }
        return withLegacyCheck(.readable(encoding, bomLength: start), UnsafeBufferPointer(rebasing: prefix[...]), source: source)
    }

    /// `detection`, or a refusal when the text in `prefix` (after the BOM) is legacy.
    static func withLegacyCheck(
        _ detection: EncodingDetection, _ prefix: UnsafeBufferPointer<UInt8>, source: LegacyText.Source
    ) -> EncodingDetection {
        let text = LegacyText(bytes: prefix, start: detection.bomLength, source: source)
        guard let finding = LegacyEncodingDetector.finding(text) else { return detection }
        return .refused(finding, bomLength: detection.bomLength)
    }
}
