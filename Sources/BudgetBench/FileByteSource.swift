import BudgetCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A byte source over a file descriptor (plain `read(2)`), for the benchmark.
final class FileByteSource: ByteSource {
    struct OpenError: Error, CustomStringConvertible {
        var path: String
        var description: String { "cannot open \(path)" }
    }

    private let fd: Int32

    init(path: String) throws {
        fd = open(path, O_RDONLY)
        if fd < 0 { throw OpenError(path: path) }
    }

    deinit { close(fd) }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        guard let base = buffer.baseAddress else { return 0 }
        while true {
            let count = Glibc.read(fd, base, buffer.count)
            if count >= 0 { return count }
            if errno != EINTR { throw OpenError(path: "read failed") }
        }
    }
}
