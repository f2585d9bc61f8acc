import BudgetCore

/// The first pass's view of a file: the reader's byte source, hashed on the way, and read to
/// the end even when the reader stops early (a limit, an unreadable byte), so that the
/// SHA-256 is always that of the whole file. Opening again (the reader starts over) starts
/// the hash again.
final class HashingFile {
    let path: String
    let fileSystem: LocalFileSystem
    private var source: FileByteSource?
    private var hasher = SHA256.Hasher()
    private var count = 0

    init(path: String, fileSystem: LocalFileSystem) {
        self.path = path
        self.fileSystem = fileSystem
    }

    deinit { source?.close() }

    /// A fresh source from the start of the file.
    func open() throws -> any ByteSource {
        source?.close()
        source = try fileSystem.open(path)
        hasher = SHA256.Hasher()
        count = 0
        return Tee(file: self)
    }

    fileprivate func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        guard var current = source else { return 0 }
        let n = try current.read(into: buffer)
        source = current
        hasher.update(UnsafeRawBufferPointer(rebasing: buffer[..<n]))
        count += n
        return n
    }

    /// Reads what the reader left and returns the file's SHA-256 and size.
    func finish() throws(EngineError) -> (sha256: String, size: Int) {
        do {
            if source == nil { _ = try open() }
            // A small file needs no megabyte-sized buffer (zeroing it cost more than reading).
            var buffer = [UInt8](repeating: 0, count: Submit.bufferSize(fileSystem.size(path)))
            while try buffer.withUnsafeMutableBytes({ try read(into: $0) }) > 0 {}
        } catch {
            throw EngineErrors.from(error)
        }
        source?.close()
        source = nil
        return (hasher.finalizeHex(), count)
    }

    private struct Tee: ByteSource {
        let file: HashingFile
        mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
            try file.read(into: buffer)
        }
    }
}
