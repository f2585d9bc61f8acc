import BudgetCore

/// Reads one submitted file: bytes → estimate lines (given to a consumer as they are
/// read) and an ``IntakeReport`` of everything structural.
///
/// The stages, each in its own files: decoding (``EncodingDetector``, ``UTF8Validator``,
/// ``Transcoder``), separator sniffing, CSV scanning, header and key rows, numbers, lines.
/// It streams: memory depends on the limits, not on the number of rows (only lines whose
/// quantity waits for the file's decimal mark are held).
public enum SubmissionReader {
    /// The size of the first read: the prefix encoding detection looks at.
    public static let chunkSize = 1 << 20

    /// The size of each later read. Each chunk is read twice — validated (or transcoded),
    /// then scanned — and a quarter of a megabyte is still in the core's own cache for the
    /// second pass, where a whole megabyte was partly evicted. Results never depend on read
    /// sizes (tests read files a byte at a time).
    static let readSize = 256 << 10

    /// Reads the file `open` gives and hands each estimate line to `consumer`.
    ///
    /// `open` is called again if the reader must start over: UTF-8 is chosen from the
    /// first megabyte, and when a later byte proves the file is not UTF-8 after all (and
    /// the user did not ask for UTF-8), the consumer is told to ``LineConsumer/restart()``
    /// and the file is read again in the encoding detection then picks.
    ///
    /// - Returns: the report; every finding carries `options.fileName` and findings are in
    ///   ``Finding/reportOrder(_:_:)``.
    /// - Throws: only what the byte source throws (the environment failed); everything
    ///   about the data is a finding.
    public static func read<C: LineConsumer>(
        open: () throws -> any ByteSource, options: IntakeOptions, into consumer: inout C
    ) throws -> IntakeReport {
        var report: IntakeReport
        switch try readOnce(open: open, options: options, excludeUTF8: false, consumer: &consumer) {
        case .done(let done):
            report = done
        case .restart:
            consumer.restart()
            switch try readOnce(open: open, options: options, excludeUTF8: true, consumer: &consumer) {
            case .done(let done): report = done
            case .restart: report = IntakeReport()  // not reachable: UTF-8 is excluded on the second pass
            }
        }
        for index in report.findings.indices { report.findings[index].file = options.fileName }
        report.findings.sort(by: Finding.reportOrder)
        return report
    }

    private enum Outcome {
        case done(IntakeReport)
        case restart
    }

    private static func readOnce<C: LineConsumer>(
        open: () throws -> any ByteSource, options: IntakeOptions, excludeUTF8: Bool, consumer: inout C
    ) throws -> Outcome {
        let limits = options.limits
        var source = try open()
        let buffer = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: chunkSize)
        defer { buffer.deallocate() }

        // One byte past the size limit is enough to know it is exceeded.
        let firstLimit = limits.maxFileBytes < chunkSize ? limits.maxFileBytes + 1 : chunkSize
        var (filled, atEnd) = try fill(UnsafeMutableBufferPointer(rebasing: buffer[..<firstLimit]), from: &source)
        var report = IntakeReport(byteCount: filled)
        if filled > limits.maxFileBytes {
            report.findings.append(fileTooLarge(filled, limits))
            return .done(report)
        }
        let first = UnsafeBufferPointer(rebasing: buffer[..<filled])
        if FileSignature.isZip(first) || FileSignature.isCompoundFile(first) {
            return .done(
                try WorkbookIntake.read(
                    first: first, isWholeFile: atEnd, rest: &source, options: options, into: &consumer))
        }
        let detection = EncodingDetector.detect(
            first, isWholeFile: atEnd, requested: options.requestedEncoding, excludeUTF8: excludeUTF8)
        report.findings += detection.findings
        guard let encoding = detection.encoding else { return .done(report) }
        let bom = min(detection.bomLength, filled)
        let mayRestart = encoding == .utf8 && detection.isTentative && options.requestedEncoding == nil && !excludeUTF8

        var decoder = TextDecoder(encoding)
        var table = TableReader(limits: limits)
        table.rows.keepsText = options.keepsLineText
        table.rows.keepsFileOrder = options.keepsFileOrder
        table.rows.report = report
        table.rows.report.encoding = encoding == .utf8 && bom > 0 ? "utf-8-bom" : encoding.rawValue
        var begun = false
        /// Hands what the table stage finished to the consumer: the preamble first.
        func drain() { table.rows.handOn(to: &consumer, begun: &begun) }

        var complete = true
        /// The last bytes decoded before `chunk`: a sequence the decoder refuses may have
        /// begun there (up to 3 bytes back), and is reported where it begins.
        var recent: [UInt8] = []
        var chunk = UnsafeBufferPointer(rebasing: buffer[bom..<filled])
        var chunkOffset = bom
        var byteCount = filled
        // A whole file that detection validated as UTF-8 is not validated twice.
        var validated = detection.isValidWholeUTF8 && atEnd && encoding == .utf8
        while true {
            let undecodable: Int?
            if validated {
                decoder.feedValidated(chunk, into: &table)
                validated = false
                undecodable = nil
            } else {
                undecodable = decoder.decode(chunk, isFinal: atEnd, into: &table)
            }
            // A byte past where the table stopped was never reached, as it is not when the
            // reads end sooner: the reader stops there whatever the chunking.
            if let bad = undecodable, !table.isStopped {
                if mayRestart {
                    drain()
                    return .restart
                }
                table.finish(complete: false)
                if bad < chunk.count, bad >= -recent.count {
                    table.rows.report.findings.append(
                        EncodingDetector.unreadableFinding(
                            byte: bad >= 0 ? chunk[bad] : recent[recent.count + bad], offset: chunkOffset + bad,
                            line: table.currentLine))
                } else {
                    table.rows.report.findings.append(
                        Finding(.unreadableEncoding, line: table.currentLine, variant: "cut"))
                }
                complete = false
                break
            }
            drain()
            recent.append(contentsOf: chunk.suffix(3))
            recent.removeFirst(max(0, recent.count - 3))
            if atEnd || table.isStopped { break }
            let count = try source.read(
                into: UnsafeMutableRawBufferPointer(UnsafeMutableBufferPointer(rebasing: buffer[..<readSize])))
            chunkOffset = byteCount
            if count == 0 {
                atEnd = true
                chunk = UnsafeBufferPointer(start: buffer.baseAddress, count: 0)
                continue
            }
            byteCount += count
            if byteCount > limits.maxFileBytes {
                table.rows.report.findings.append(fileTooLarge(byteCount, limits))
                complete = false
                table.finish(complete: false)
                break
            }
            chunk = UnsafeBufferPointer(rebasing: buffer[..<count])
        }
        if complete { table.finish(complete: true) }
        drain()
        table.rows.report.byteCount = byteCount
        return .done(table.rows.report)
    }

    /// Fills `buffer` from `source` completely, or up to the end of the file, so that
    /// what is done with the first chunk (encoding detection) never depends on how the
    /// source splits its reads. Returns the bytes read and whether the end was reached.
    private static func fill(
        _ buffer: UnsafeMutableBufferPointer<UInt8>, from source: inout any ByteSource
    ) throws -> (Int, Bool) {
        var filled = 0
        while filled < buffer.count {
            let count = try source.read(
                into: UnsafeMutableRawBufferPointer(UnsafeMutableBufferPointer(rebasing: buffer[filled...])))
            if count == 0 { return (filled, true) }
            filled += count
        }
        return (filled, false)
    }

    /// "0x05", for a finding's value.
    private static func hex(_ byte: UInt8) -> String {
        let digits = String(byte, radix: 16, uppercase: true)
        return byte < 0x10 ? "0x0" + digits : "0x" + digits
    }

    private static func fileTooLarge(_ bytes: Int, _ limits: IntakeLimits) -> Finding {
        Finding(
            .limitExceeded, value: String(bytes), variant: "file-size",
            arguments: ["limit": String(limits.maxFileBytes)])
    }
}
