import BudgetCore

/// Decides whether a prefix holds text typed in a legacy Vietnamese font encoding.
///
/// Thresholds (see ``LegacyEvidence`` for what a hit is), the same for both encodings:
/// at least ``minimumHits`` hits from at least two distinct codes, at least
/// ``minimumShare`` of the non-ASCII characters next to letters, and twice the other
/// encoding's hits. Measured on the seed plans and an estimate CSV, real Vietnamese
/// (UTF-8 NFC and NFD, Windows-1258) scores no hit at all in either reading, TCVN3 text
/// 53–59 % TCVN3 hits and no VNI hit, VNI text ~80 % VNI hits and no TCVN3 hit. So the
/// thresholds only need to rise above stray symbols (a few "µg" or "l·l"), and a file
/// whose template header is real Unicode while its lines are TCVN3 still clears the
/// share by far.
enum LegacyEncodingDetector {
    static let minimumHits = 3
    static let minimumShare = 0.1

    /// The `legacy-encoding` finding for `text`, or nil.
    static func finding(_ text: LegacyText) -> Finding? {
        let evidence = gather(text)
        let isTCVN3 = isConvincing(
            evidence.tcvn3, kinds: evidence.tcvn3Kinds, other: evidence.vni, of: evidence)
        let isVNI = isConvincing(evidence.vni, kinds: evidence.vniKinds, other: evidence.tcvn3, of: evidence)
        guard isTCVN3 || isVNI, let hit = isTCVN3 ? evidence.firstTCVN3 : evidence.firstVNI else {
            return nil
        }
        let sample = LegacySample.excerpt(text, lineStart: hit.lineStart, hitOffset: hit.offset)
        return Finding(
            .legacyEncoding, line: hit.line, value: isTCVN3 ? "TCVN3" : "VNI",
            variant: isTCVN3 ? "" : "vni", arguments: ["sample": sample])
    }

    static func isConvincing(_ hits: Int, kinds: UInt64, other: Int, of evidence: LegacyEvidence) -> Bool {
        hits >= minimumHits && kinds.nonzeroBitCount >= 2 && hits >= 2 * other
            && Double(hits) >= minimumShare * Double(evidence.letterContext)
    }

    /// Walks the text with a window of three codes, counting hits and lines.
    static func gather(_ text: LegacyText) -> LegacyEvidence {
        var evidence = LegacyEvidence()
        var previous = 0x20
        var current: (code: Int, offset: Int)?
        var line = 1
        var lineStart = text.start
        func step(_ next: Int, nextOffset: Int) {
            guard let (code, offset) = current else { return }
            evidence.observe(
                previous: previous, code: code, next: next,
                at: .init(offset: offset, line: line, lineStart: lineStart))
            if code == 0x0A || (code == 0x0D && next != 0x0A) {
                line += 1
                lineStart = nextOffset
            }
            previous = code
        }
        text.forEach { _, code, offset in
            step(code, nextOffset: offset)
            current = (code, offset)
        }
        step(0x20, nextOffset: text.bytes.count)
        return evidence
    }
}

/// The short excerpt a `legacy-encoding` finding quotes: the text around the first hit as
/// the user's viewer shows it (a single-byte file read as Windows-1258), in NFC.
enum LegacySample {
    /// Characters kept before and after the hit.
    static let before = 16
    static let after = 24

    static func excerpt(_ text: LegacyText, lineStart: Int, hitOffset: Int) -> String {
        var scalars: [Unicode.Scalar] = []
        var hitIndex = 0
        // Enough bytes for the excerpt even in UTF-16 with 4-byte characters.
        let lineText = LegacyText(
            bytes: text.bytes, start: lineStart, source: text.source, end: hitOffset + 8 * after)
        var done = false
        lineText.forEach { value, _, offset in
            guard !done else { return }
            if value == 0x0A || value == 0x0D {
                done = true
                return
            }
            if offset == hitOffset { hitIndex = scalars.count }
            let scalar = value == 0x09 ? " " : Unicode.Scalar(value) ?? "\u{FFFD}"
            scalars.append(scalar)
        }
        var lower = max(0, hitIndex - before)
        var upper = min(scalars.count, hitIndex + after)
        // Widen to whole words, a few characters at most.
        for _ in 0..<8 where lower > 0 && scalars[lower - 1] != " " { lower -= 1 }
        for _ in 0..<8 where upper < scalars.count && scalars[upper] != " " { upper += 1 }
        var excerpt = String(String.UnicodeScalarView(scalars[lower..<upper]))
        excerpt = Folding.trim(Folding.nfc(excerpt))
        if lower > 0 { excerpt = "…" + excerpt }
        if upper < scalars.count { excerpt += "…" }
        return excerpt
    }
}
