import BudgetCore

extension EncodingDetector {
    /// `--encoding` given: validity and legacy checks only.
    ///
    /// A UTF-16 request follows the file's BOM for the byte order (`utf-16` names no order
    /// and a BOM is unambiguous). A UTF-8 request skips a UTF-8 BOM. Any other BOM is taken
    /// as content: the user asked for that reading. TCVN3 gets `bomLength` 0 and no legacy
    /// check (its transcoder reads the BOM, and the text is legacy by definition).
    static func detectRequested(
        _ requested: SourceEncoding, _ prefix: UnsafeBufferPointer<UInt8>, isWholeFile: Bool
    ) -> EncodingDetection {
        let mark = ByteOrderMark.match(prefix)
        switch (requested, mark) {
        case (.utf8, .utf8?):
            return checked(.utf8, prefix, from: 3, isWholeFile: isWholeFile)
        case (.utf16LE, .utf16LE?), (.utf16BE, .utf16LE?):
            return checked(.utf16LE, prefix, from: 2, isWholeFile: isWholeFile)
        case (.utf16LE, .utf16BE?), (.utf16BE, .utf16BE?):
            return checked(.utf16BE, prefix, from: 2, isWholeFile: isWholeFile)
        case (.tcvn3, _):
            let utf16: Bool? = mark == .utf16LE ? false : mark == .utf16BE ? true : nil
            if let finding = firstInvalid(.tcvn3, prefix, from: 0, isWholeFile: isWholeFile, utf16: utf16) {
                return .refused(finding)
            }
            return .readable(.tcvn3, bomLength: 0)
        default:
            return checked(requested, prefix, from: 0, isWholeFile: isWholeFile)
        }
    }

    /// Reads `prefix[start...]` in `encoding`: refused at the first byte that is not text,
    /// else readable (with `bomLength` `start`) unless the text is legacy.
    static func checked(
        _ encoding: SourceEncoding, _ prefix: UnsafeBufferPointer<UInt8>, from start: Int, isWholeFile: Bool
    ) -> EncodingDetection {
        let source: LegacyText.Source
        switch encoding {
        case .utf8: source = .utf8
        case .utf16LE: source = .utf16(bigEndian: false)
        case .utf16BE: source = .utf16(bigEndian: true)
        case .windows1258, .tcvn3: source = .bytes
        }
        let utf16: Bool? = if case .utf16(let bigEndian) = source { bigEndian } else { nil }
        if let finding = firstInvalid(encoding, prefix, from: start, isWholeFile: isWholeFile, utf16: utf16) {
            return .refused(finding, bomLength: start)
        }
        var readable = EncodingDetection.readable(encoding, bomLength: start)
        readable.isValidWholeUTF8 = encoding == .utf8 && isWholeFile
        return withLegacyCheck(readable, prefix, source: source)
    }

    /// The `unreadable-encoding` finding for the first byte of `prefix[start...]` that is
    /// not text in `encoding`, or nil. A UTF-16 code unit is named as such.
    static func firstInvalid(
        _ encoding: SourceEncoding, _ prefix: UnsafeBufferPointer<UInt8>, from start: Int, isWholeFile: Bool,
        utf16 bigEndian: Bool?
    ) -> Finding? {
        let body = UnsafeBufferPointer(rebasing: prefix[start...])
        var transcoder = Transcoder(encoding)
        var output: [UInt8] = []
        output.reserveCapacity(body.count + body.count / 2)
        guard let bad = transcoder.transcode(body, isFinal: isWholeFile, into: &output) else { return nil }
        let offset = start + bad
        let line = TextPosition.line(ofOffset: bad, in: body, utf16: bigEndian)
        if let bigEndian, offset + 1 < prefix.count {
            let (first, second) = (UInt16(prefix[offset]), UInt16(prefix[offset + 1]))
            let unit = bigEndian ? first << 8 | second : second << 8 | first
            return Finding(
                .unreadableEncoding, line: line,
                value: "0x\(hex(unit, digits: 4))", variant: "code-unit", arguments: ["offset": String(offset)])
        }
        return unreadableFinding(byte: offset < prefix.count ? prefix[offset] : 0, offset: offset, line: line)
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
