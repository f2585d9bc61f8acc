/// Decides a file's separator — `,` `;` tab or `|` — from its first lines.
///
/// Each candidate splits the sample with the real (quote-aware) scanner. A candidate
/// under which some row is a header (three or more known column names) wins; among
/// several, the one whose header names the most fields, then the most consistent one.
/// Without a header, the candidate whose rows most often share one field count (two or
/// more), weighted by that count, wins: a `;` file whose numbers hold commas ("2,5") has
/// ragged comma counts but steady semicolon counts. Ties and samples with no signal give
/// `,`, the RFC 4180 default. The decimal mark plays no part here. Excel's own hint, a
/// first line `sep=;`, is obeyed (the line itself is then an ignored row above the table).
enum SeparatorSniffer {
    static let candidates: [UInt8] = [0x2C, 0x3B, 0x09, 0x7C]
    /// Records looked at per candidate.
    static let sampleRecords = 50

    /// The separator for a sample of the text (UTF-8). When the sample is not the whole
    /// input its last, possibly cut, record is ignored.
    static func sniff(_ sample: UnsafeBufferPointer<UInt8>, isWholeInput: Bool) -> UInt8 {
        if let hinted = excelHint(sample) { return hinted }
        var best: (separator: UInt8, header: Int, consistency: Int) = (0x2C, 0, 0)
        for candidate in candidates {
            var sink = SampleSink()
            var scanner = CSVScanner(separator: candidate, limits: IntakeLimits())
            scanner.feed(sample, into: &sink)
            if isWholeInput { scanner.finish(into: &sink) }
            let score = (candidate, sink.headerFields, sink.consistency)
            if score.1 > best.header || (score.1 == best.header && score.2 > best.consistency) {
                best = score
            }
        }
        return best.separator
    }

    /// The separator named by a first line `sep=X` (X one of the candidates).
    private static func excelHint(_ sample: UnsafeBufferPointer<UInt8>) -> UInt8? {
        let prefix = Array("sep=".utf8)
        guard sample.count >= 5, Array(sample[0..<4]).map({ $0 | 0x20 }) == prefix,
            candidates.contains(sample[4]), sample.count == 5 || sample[5] == 0x0D || sample[5] == 0x0A
        else { return nil }
        return sample[4]
    }

    private struct SampleSink: CSVRecordSink {
        var counts: [Int] = []
        var headerFields = 0

        mutating func record(_ record: CSVRecord) -> Bool {
            var width = 0
            for index in 0..<record.count where !TextBytes.isBlank(record.field(index)) { width = index + 1 }
            counts.append(width)
            if headerFields == 0 && width >= HeaderMatcher.minimumKnownColumns {
                let cells = (0..<width).map { TextBytes.text(record.field($0)) }
                if let match = HeaderMatcher.match(cells) { headerFields = match.columns.count }
            }
            return counts.count < SeparatorSniffer.sampleRecords
        }

        /// Rows sharing the most common field count (≥ 2), times that count.
        var consistency: Int {
            var frequency: [Int: Int] = [:]
            for count in counts where count >= 2 { frequency[count, default: 0] += 1 }
            var best = 0
            for (count, rows) in frequency { best = max(best, count * rows) }
            return best
        }
    }
}
