#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// A ``ByteSink`` over a file, written through a buffer with POSIX calls.
///
/// A class, not a struct: it owns an open descriptor, which has identity — two copies of
/// a buffered writer would interleave their buffers. Writers generic over a sink keep a
/// reference, so the caller can still ``finish()`` the file after a writer is done.
///
/// Writes collect in a buffer (256 KiB by default) and reach the file in large `write(2)`
/// calls; a write at least as large as the buffer bypasses it. ``patch(at:_:)`` edits the
/// buffer when the bytes are still there and uses `pwrite(2)` when they are already in the
/// file. ``finish()`` flushes, `fsync(2)`s and closes; a sink dropped without it closes its
/// descriptor but leaves an incomplete file. Write to a temporary name and rename after
/// ``finish()`` when a half-written file must never be seen (that is the caller's job:
/// it owns the directory).
public final class FileSink: ByteSink {
    /// What to do when the path already exists.
    public enum Mode: Sendable {
        /// Refuse (`O_EXCL`): the call throws with `EEXIST`.
        case createNew
        /// Truncate it and write from the start.
        case replace
    }

    /// The path the sink writes, as given.
    public let path: String
    public private(set) var offset: UInt64 = 0

    private var descriptor: Int32
    private var buffer: [UInt8]
    private let capacity: Int
    /// Bytes already handed to the kernel: the buffer holds `flushed..<offset`.
    private var flushed: UInt64 = 0

    /// Opens `path` for writing with permissions `0o644` (less the umask).
    ///
    /// - Parameters:
    ///   - mode: whether an existing file is an error or replaced.
    ///   - bufferCapacity: bytes collected before a `write(2)`; taken within 4 KiB…64 MiB.
    public init(path: String, mode: Mode = .createNew, bufferCapacity: Int = 256 * 1024) throws {
        self.path = path
        capacity = min(max(4096, bufferCapacity), 64 << 20)
        buffer = []
        buffer.reserveCapacity(capacity)
        var flags = O_WRONLY | O_CREAT | O_CLOEXEC
        flags |= (mode == .createNew) ? O_EXCL : O_TRUNC
        var fd: Int32
        repeat {
            fd = open(path, flags, 0o644)
        } while fd < 0 && errno == EINTR
        guard fd >= 0 else { throw FileSinkError(.open, path: path, code: errno) }
        descriptor = fd
    }

    deinit {
        if descriptor >= 0 { _ = close(descriptor) }
    }

    /// Whether ``finish()`` has run.
    public var isFinished: Bool { descriptor < 0 }

    public func write(_ bytes: UnsafeRawBufferPointer) throws {
        guard descriptor >= 0 else { throw ByteSinkError.finished }
        guard !bytes.isEmpty else { return }
        if buffer.count + bytes.count <= capacity {
            buffer.append(contentsOf: bytes)
        } else {
            try flush()
            if bytes.count >= capacity {
                try writeAll(bytes)
                flushed += UInt64(bytes.count)
            } else {
                buffer.append(contentsOf: bytes)
            }
        }
        offset += UInt64(bytes.count)
    }

    /// Appends the bytes of an array (usable on a `let` reference, unlike the protocol's
    /// mutating conveniences).
    public func write(_ bytes: [UInt8]) throws {
        try bytes.withUnsafeBytes { try write($0) }
    }

    /// Appends the UTF-8 encoding of `text`.
    public func write(_ text: String) throws {
        var text = text
        try text.withUTF8 { try write(UnsafeRawBufferPointer($0)) }
    }

    public func patch(at position: UInt64, _ bytes: [UInt8]) throws {
        guard descriptor >= 0 else { throw ByteSinkError.finished }
        guard position <= offset, UInt64(bytes.count) <= offset - position else {
            throw ByteSinkError.patchOutOfRange(offset: position, count: bytes.count, end: offset)
        }
        // The part before `flushed` is in the file; the rest is still in the buffer.
        let inFile = position < flushed ? Int(min(UInt64(bytes.count), flushed - position)) : 0
        if inFile > 0 {
            try bytes.withUnsafeBytes { all in
                try pwriteAll(UnsafeRawBufferPointer(rebasing: all[0..<inFile]), at: position)
            }
        }
        if inFile < bytes.count {
            let start = Int(position + UInt64(inFile) - flushed)
            buffer.replaceSubrange(start..<start + (bytes.count - inFile), with: bytes[inFile...])
        }
    }

    /// Writes out the buffer, makes the file durable (`fsync`) and closes it.
    ///
    /// Later writes throw ``ByteSinkError/finished``; a second call does nothing.
    public func finish() throws {
        guard descriptor >= 0 else { return }
        do {
            try flush()
            while fsync(descriptor) != 0 {
                guard errno == EINTR else { throw FileSinkError(.sync, path: path, code: errno) }
            }
        } catch {
            _ = close(descriptor)
            descriptor = -1
            throw error
        }
        let result = close(descriptor)
        descriptor = -1
        // EINTR from close(2) on Linux means the descriptor is closed anyway.
        if result != 0 && errno != EINTR { throw FileSinkError(.close, path: path, code: errno) }
    }

    private func flush() throws {
        guard !buffer.isEmpty else { return }
        try buffer.withUnsafeBytes { try writeAll($0) }
        flushed += UInt64(buffer.count)
        buffer.removeAll(keepingCapacity: true)
    }

    private func writeAll(_ bytes: UnsafeRawBufferPointer) throws {
        var done = 0
        while done < bytes.count {
            guard let base = bytes.baseAddress else { return }
            let n = systemWrite(descriptor, base + done, bytes.count - done)
            if n < 0 {
                if errno == EINTR { continue }
                throw FileSinkError(.write, path: path, code: errno)
            }
            if n == 0 { throw FileSinkError(.write, path: path, code: EIO) }
            done += n
        }
    }

    private func pwriteAll(_ bytes: UnsafeRawBufferPointer, at position: UInt64) throws {
        var done = 0
        while done < bytes.count {
            guard let base = bytes.baseAddress else { return }
            let n = pwrite(descriptor, base + done, bytes.count - done, off_t(position) + off_t(done))
            if n < 0 {
                if errno == EINTR { continue }
                throw FileSinkError(.patch, path: path, code: errno)
            }
            if n == 0 { throw FileSinkError(.patch, path: path, code: EIO) }
            done += n
        }
    }
}

/// `write(2)`, named apart from ``FileSink/write(_:)`` so the method can call it.
@inline(__always)
private func systemWrite(_ fd: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int {
    write(fd, buffer, count)
}
