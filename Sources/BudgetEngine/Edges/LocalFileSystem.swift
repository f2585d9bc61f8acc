import BudgetCore
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The one type that touches the file system for the engine (the store's SQLite file
/// and the writers' output sinks aside).
///
/// Failures become ``EngineError``s that say which path and what went wrong, in both
/// languages; a missing input is a usage error (exit 2), an I/O failure an environment
/// error (exit 4).
public struct LocalFileSystem: Sendable {
    public init() {}

    /// Whether something exists at `path`.
    public func exists(_ path: String) -> Bool { FileManager.default.fileExists(atPath: path) }

    /// Whether `path` is a directory.
    public func isDirectory(_ path: String) -> Bool {
        var isDir: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDir) && isDir.boolValue
    }

    /// The names in a directory, sorted; empty if it does not exist.
    public func list(_ path: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).sorted()
    }

    /// The whole file. For inputs the user names (plans, templates): missing → usage error.
    public func read(_ path: String) throws(EngineError) -> [UInt8] {
        var source = try open(path)
        defer { source.close() }
        var out: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n: Int
            do {
                n = try chunk.withUnsafeMutableBytes { try source.read(into: $0) }
            } catch {
                throw EngineError(.environment, Self.ioMessage(path, error))
            }
            if n == 0 { break }
            out.append(contentsOf: chunk[0..<n])
        }
        return out
    }

    /// A streaming source over a file.
    public func open(_ path: String) throws(EngineError) -> FileByteSource {
        if isDirectory(path) {
            throw EngineError(
                .usage,
                Localized(vi: "«\(path)» là thư mục, không phải tệp", en: "\"\(path)\" is a directory, not a file"))
        }
        let fd = Glibc_open(path)
        guard fd >= 0 else {
            let code = errno
            if code == ENOENT {
                throw EngineError(
                    .usage, Localized(vi: "không tìm thấy tệp «\(path)»", en: "file not found: \"\(path)\""))
            }
            throw EngineError(
                .usage,
                Localized(
                    vi: "không mở được tệp «\(path)»: \(Self.describe(code))",
                    en: "cannot open \"\(path)\": \(Self.describe(code))"))
        }
        return FileByteSource(fd: fd, path: path)
    }

    /// The size in bytes of a file, if it can be read.
    public func size(_ path: String) -> Int? {
        (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.intValue
    }

    /// Creates a directory and its parents.
    public func createDirectory(_ path: String) throws(EngineError) {
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            throw EngineError(
                .usage,
                Localized(
                    vi: "không tạo được thư mục «\(path)»: \(error.localizedDescription)",
                    en: "cannot create the directory \"\(path)\": \(error.localizedDescription)"))
        }
    }

    /// Writes `bytes` to `path` through a temporary file and a rename, so that a reader
    /// never sees half a file and a failure leaves the old file (if any) in place.
    public func writeAtomically(_ bytes: [UInt8], to path: String) throws(EngineError) {
        let url = URL(fileURLWithPath: path)
        do {
            try Data(bytes).write(to: url, options: .atomic)
        } catch {
            throw EngineError(.environment, Self.ioMessage(path, error))
        }
    }

    /// Removes a file or directory tree if it exists.
    public func remove(_ path: String) throws(EngineError) {
        guard exists(path) else { return }
        do {
            try FileManager.default.removeItem(atPath: path)
        } catch {
            throw EngineError(.environment, Self.ioMessage(path, error))
        }
    }

    static func ioMessage(_ path: String, _ error: Error) -> Localized {
        Localized(
            vi: "lỗi đọc/ghi «\(path)»: \(error)",
            en: "I/O error on \"\(path)\": \(error)")
    }

    /// A short text for an errno value.
    static func describe(_ code: Int32) -> String {
        String(cString: strerror(code))
    }
}

private func Glibc_open(_ path: String) -> Int32 {
    open(path, O_RDONLY)
}

/// A ``ByteSource`` over an open file descriptor. Read errors are thrown (never "end").
public struct FileByteSource: ByteSource {
    let fd: Int32
    public let path: String

    init(fd: Int32, path: String) {
        self.fd = fd
        self.path = path
    }

    public mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        guard let base = buffer.baseAddress, buffer.count > 0 else { return 0 }
        while true {
            #if canImport(Glibc)
                let n = Glibc.read(fd, base, buffer.count)
            #else
                let n = Darwin.read(fd, base, buffer.count)
            #endif
            if n >= 0 { return n }
            if errno == EINTR { continue }
            throw FileReadError(path: path, code: errno)
        }
    }

    /// Closes the descriptor.
    public func close() {
        #if canImport(Glibc)
            _ = Glibc.close(fd)
        #else
            _ = Darwin.close(fd)
        #endif
    }
}

/// A read that failed at the operating-system level.
public struct FileReadError: Error, CustomStringConvertible {
    public let path: String
    public let code: Int32
    public var description: String { "\(path): \(LocalFileSystem.describe(code))" }
}

extension LocalFileSystem {
    /// Renames `from` to `to`, replacing `to` atomically (rename(2)).
    public func rename(_ from: String, to: String) throws(EngineError) {
        guard Foundation.rename(from, to) == 0 else {
            let code = errno
            throw EngineError(
                .environment,
                Localized(
                    vi: "không đổi tên được «\(from)» thành «\(to)»: \(Self.describe(code))",
                    en: "cannot rename \"\(from)\" to \"\(to)\": \(Self.describe(code))"))
        }
    }
}
