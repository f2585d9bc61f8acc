/// The decoding step of the driver: UTF-8 is validated in place and passed on without a
/// copy; other encodings are transcoded chunk by chunk into one reused UTF-8 buffer.
struct TextDecoder {
    private var validator = UTF8Validator()
    private var transcoder: Transcoder?
    private var output: [UInt8] = []

    init(_ encoding: SourceEncoding) {
        if encoding != .utf8 {
            transcoder = Transcoder(encoding)
            output.reserveCapacity(SubmissionReader.chunkSize * 2)
        }
    }

    /// Decodes `chunk` and feeds the text to `table`. Returns the offset in `chunk` of the
    /// first byte that does not decode (the text before it has been fed), or `nil`; the
    /// offset is negative when that byte came with an earlier chunk.
    /// Feeds `chunk` — the whole of a UTF-8 file, which detection has already validated to
    /// its last byte — to `table` without validating it again.
    mutating func feedValidated(_ chunk: UnsafeBufferPointer<UInt8>, into table: inout TableReader) {
        precondition(transcoder == nil, "only UTF-8 is fed as validated")
        table.feed(chunk)
    }

    mutating func decode(_ chunk: UnsafeBufferPointer<UInt8>, isFinal: Bool, into table: inout TableReader) -> Int? {
        if var transcoder {
            output.removeAll(keepingCapacity: true)
            let bad = transcoder.transcode(chunk, isFinal: isFinal, into: &output)
            self.transcoder = transcoder
            output.withUnsafeBufferPointer { table.feed($0) }
            return bad
        }
        if let bad = validator.validate(chunk, isFinal: isFinal) {
            table.feed(UnsafeBufferPointer(rebasing: chunk[..<max(0, min(bad, chunk.count))]))
            return bad
        }
        table.feed(chunk)
        return nil
    }
}
