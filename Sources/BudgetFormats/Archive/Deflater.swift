import CZlib

/// Raw DEFLATE (RFC 1951) through the system's zlib, streamed: ZIP's compression method 8.
///
/// A class because it owns a zlib stream, which has identity: zlib keeps a pointer back to
/// its `z_stream` and refuses a moved one, so the stream lives in memory allocated here and
/// never moves; ``deinit`` releases it (`deflateEnd`).
///
/// Output collects in a fixed buffer and is handed on only when the buffer is full and at
/// ``finish(_:)``, so the sink sees few, large writes whatever the input's chunking.
///
/// **Determinism.** The compressed bytes depend on the input, the level and the zlib
/// build (its version and its compile-time options), not on how the input is split
/// between calls, the time or the host. The same input therefore gives the same archive on
/// one machine, and on any machine with the same zlib; a different zlib release may choose
/// different (equally valid) matches and so give different bytes with the same content.
final class Deflater {
    /// The zlib version the stream was compiled against and the one linked at run time,
    /// for messages: compressed bytes depend on the latter.
    static var runtimeVersion: String { String(cString: zlibVersion()) }

    private let stream: UnsafeMutablePointer<z_stream>
    private let output: UnsafeMutableRawBufferPointer
    /// Bytes of `output` filled and not yet handed on.
    private var pending = 0
    private var isFinished = false

    /// Starts a raw-deflate stream at `level` (1 fastest … 9 smallest, clamped).
    ///
    /// - Parameter outputCapacity: bytes of compressed output collected before each hand-on.
    /// - Throws: ``ZipError/compressionFailed(_:)`` if zlib cannot start (out of memory, or a
    ///   header/library mismatch).
    init(level: Int, outputCapacity: Int = 256 * 1024) throws(ZipError) {
        stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
        stream.initialize(to: z_stream())
        let status = czlib_deflate_init_raw(stream, Int32(min(max(level, 1), 9)))
        guard status == Z_OK else {
            stream.deinitialize(count: 1)
            stream.deallocate()
            throw ZipError.compressionFailed("zlib \(Self.runtimeVersion) could not start deflate (status \(status))")
        }
        output = UnsafeMutableRawBufferPointer.allocate(byteCount: max(4096, outputCapacity), alignment: 16)
    }

    deinit {
        deflateEnd(stream)
        stream.deinitialize(count: 1)
        stream.deallocate()
        output.deallocate()
    }

    /// Compresses `input`, handing full output buffers to `emit`. Complexity: O(n).
    func compress(_ input: UnsafeRawBufferPointer, emit: (UnsafeRawBufferPointer) throws -> Void) throws {
        guard !input.isEmpty else { return }
        try run(input, flush: Z_NO_FLUSH, emit: emit)
    }

    /// Ends the stream: the last compressed bytes go to `emit`. Later calls throw.
    func finish(_ emit: (UnsafeRawBufferPointer) throws -> Void) throws {
        try run(UnsafeRawBufferPointer(start: nil, count: 0), flush: Z_FINISH, emit: emit)
        isFinished = true
        if pending > 0 {
            let count = pending
            pending = 0
            try emit(UnsafeRawBufferPointer(rebasing: output[0..<count]))
        }
    }

    private func run(
        _ input: UnsafeRawBufferPointer, flush: Int32, emit: (UnsafeRawBufferPointer) throws -> Void
    ) throws {
        guard !isFinished else { throw ZipError.compressionFailed("deflate stream already finished") }
        guard let outputBase = output.baseAddress else { return }
        var offset = 0
        repeat {
            // zlib counts input in 32-bit units: feed at most 1 GiB per pass.
            let take = min(input.count - offset, 1 << 30)
            stream.pointee.next_in = input.baseAddress.map {
                UnsafeMutablePointer(mutating: ($0 + offset).assumingMemoryBound(to: Bytef.self))
            }
            stream.pointee.avail_in = uInt(take)
            let last = offset + take == input.count
            let mode = last ? flush : Z_NO_FLUSH
            while true {
                stream.pointee.next_out = (outputBase + pending).assumingMemoryBound(to: Bytef.self)
                stream.pointee.avail_out = uInt(output.count - pending)
                let status = deflate(stream, mode)
                pending = output.count - Int(stream.pointee.avail_out)
                guard status == Z_OK || status == Z_STREAM_END || status == Z_BUF_ERROR else {
                    throw ZipError.compressionFailed("zlib deflate failed (status \(status))")
                }
                if pending == output.count {
                    pending = 0
                    try emit(UnsafeRawBufferPointer(output))
                    continue  // the output was full: zlib may have more to give
                }
                // Room left in the output: all input is consumed. With Z_FINISH the stream
                // must also have ended; Z_BUF_ERROR then means zlib cannot progress at all.
                if mode == Z_FINISH && status != Z_STREAM_END {
                    guard status == Z_OK else { throw ZipError.compressionFailed("zlib deflate could not finish") }
                    continue
                }
                break
            }
            offset += take
        } while offset < input.count
    }
}
