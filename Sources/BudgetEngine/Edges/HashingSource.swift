import BudgetCore

/// A reader's byte source, hashed on the way, and read to the end by ``finish(bufferSize:)``
/// even when the reader stops early (a limit, an unreadable byte), so that the SHA-256 is
/// always that of all the bytes. Opening again (the reader starts over) starts the hash
/// again.
///
/// One piece for both places that read bytes and must know they were the right ones:
/// `submit`'s first pass over a file (``CheckedFile``), and the lines read back from a
/// receipt's recorded bytes (``CountedLines``).
final class HashingSource<Source: ByteSource> {
    private let openSource: () throws -> Source
    private let closeSource: (Source) -> Void
    private var source: Source?
    private var hasher = SHA256.Hasher()
    private var count = 0

    /// `open` gives a fresh source from the first byte; `close` releases one (a file's
    /// descriptor; nothing for a source that releases itself).
    init(open: @escaping () throws -> Source, close: @escaping (Source) -> Void = { _ in }) {
        openSource = open
        closeSource = close
    }

    deinit { if let source { closeSource(source) } }

    /// A fresh source from the start of the bytes.
    func open() throws -> any ByteSource {
        if let source { closeSource(source) }
        source = nil
        source = try openSource()
        hasher = SHA256.Hasher()
        count = 0
        return Tee(owner: self)
    }

    fileprivate func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        guard var current = source else { return 0 }
        let n = try current.read(into: buffer)
        source = current
        hasher.update(UnsafeRawBufferPointer(rebasing: buffer[..<n]))
        count += n
        return n
    }

    /// Reads what the reader left, releases the source and returns the SHA-256 and the
    /// number of all the bytes. `bufferSize`: no more than the bytes need (zeroing a
    /// megabyte for a small file cost more than reading it).
    func finish(bufferSize: Int) throws -> (sha256: String, size: Int) {
        if source == nil { _ = try open() }
        var buffer = [UInt8](repeating: 0, count: bufferSize)
        while try buffer.withUnsafeMutableBytes({ try read(into: $0) }) > 0 {}
        if let source { closeSource(source) }
        source = nil
        return (hasher.finalizeHex(), count)
    }

    private struct Tee: ByteSource {
        let owner: HashingSource
        mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
            try owner.read(into: buffer)
        }
    }
}
