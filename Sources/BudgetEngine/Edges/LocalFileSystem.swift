import BudgetCore
import BudgetFormats
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The one type that touches the file system for the engine (the store's SQLite file
/// aside).
///
/// POSIX calls, not Foundation's file manager, so that every failure keeps its `errno` and
/// becomes an ``EngineError`` saying, in both languages, which path and what went wrong
/// (``SystemErrorText``): no `NSCocoaErrorDomain` text reaches a user. A missing input is a
/// usage error (exit 2); a failure while reading or writing is an environment error
/// (exit 4).
public struct LocalFileSystem: Sendable {
    public init() {}

    /// What is at a path, without following a final symbolic link.
    public enum Kind: Sendable, Equatable {
        case missing, regular, directory, symbolicLink, device, fifo, socket
    }

    /// What is at `path` (`lstat`).
    public func kind(_ path: String) -> Kind {
        var info = stat()
        guard lstat(path, &info) == 0 else { return .missing }
        switch info.st_mode & S_IFMT {
        case S_IFREG: return .regular
        case S_IFDIR: return .directory
        case S_IFLNK: return .symbolicLink
        case S_IFCHR, S_IFBLK: return .device
        case S_IFIFO: return .fifo
        default: return .socket
        }
    }

    /// Whether something exists at `path` (a dangling symbolic link counts).
    public func exists(_ path: String) -> Bool { kind(path) != .missing }

    /// Whether `path` is a regular file (following symbolic links).
    public func isRegularFile(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG
    }

    /// Whether `path` is a directory (following symbolic links).
    public func isDirectory(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
    }

    /// The names in a directory, sorted; empty if it cannot be listed.
    public func list(_ path: String) -> [String] {
        guard let directory = opendir(path) else { return [] }
        defer { closedir(directory) }
        var names: [String] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names.sorted()
    }

    /// The absolute path with every symbolic link resolved, or `nil` if it does not exist.
    public func resolved(_ path: String) -> String? {
        guard let pointer = realpath(path, nil) else { return nil }
        defer { free(pointer) }
        return String(cString: pointer)
    }

    /// The current directory.
    public var currentDirectory: String {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        guard getcwd(&buffer, buffer.count) != nil else { return "." }
        return String(decoding: buffer.prefix(while: { $0 != 0 }).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// The whole file. For inputs the user names (plans, layouts): missing, or more than
    /// `limit` bytes → usage error (a plan named by mistake as a disk image must not take
    /// the memory of the machine).
    ///
    /// Read into an array of the file's size (one byte more, to see the end): grown by
    /// appending, an 18 MB plan took a 33 MB array.
    public func read(_ path: String, limit: Int) throws(EngineError) -> [UInt8] {
        let tooLarge = EngineError(
            .usage,
            Localized(
                vi: "tệp «\(path)» lớn hơn \(limit / (1 << 20)) MiB, quá lớn cho loại tệp này",
                en: "\"\(path)\" is larger than \(limit / (1 << 20)) MiB, too large for this kind of file"))
        let size = size(path) ?? 0
        if size > limit { throw tooLarge }
        var source = try open(path)
        defer { source.close() }
        var out = [UInt8](repeating: 0, count: size + 1)
        var filled = 0
        while true {
            if filled > limit { throw tooLarge }
            if filled == out.count { out.append(contentsOf: repeatElement(0, count: max(out.count, 1 << 16))) }
            let n: Int
            do {
                n = try out.withUnsafeMutableBytes {
                    try source.read(into: UnsafeMutableRawBufferPointer(rebasing: $0[filled...]))
                }
            } catch {
                throw EngineErrors.from(error)
            }
            if n == 0 { break }
            filled += n
        }
        out.removeLast(out.count - filled)
        return out
    }

    /// The whole file if it holds at most `limit` bytes, nil if it holds more (read no
    /// further than `limit + 1` bytes to tell).
    public func read(_ path: String, atMost limit: Int) throws(EngineError) -> [UInt8]? {
        var source = try open(path)
        defer { source.close() }
        var out = [UInt8](repeating: 0, count: limit + 1)
        var filled = 0
        while filled <= limit {
            let n: Int
            do {
                n = try out.withUnsafeMutableBytes {
                    try source.read(into: UnsafeMutableRawBufferPointer(rebasing: $0[filled...]))
                }
            } catch {
                throw EngineErrors.from(error)
            }
            if n == 0 { break }
            filled += n
        }
        guard filled <= limit else { return nil }
        out.removeLast(out.count - filled)
        return out
    }

    /// A streaming source over a file the user names: missing, a folder or unreadable →
    /// usage error (exit 2).
    public func open(_ path: String) throws(EngineError) -> FileByteSource {
        if isDirectory(path) {
            throw EngineError(
                .usage,
                Localized(vi: "«\(path)» là thư mục, không phải tệp", en: "\"\(path)\" is a folder, not a file"))
        }
        let fd = Glibc_open(path)
        guard fd >= 0 else {
            let code = errno
            if code == ENOENT {
                throw EngineError(
                    .usage, Localized(vi: "không tìm thấy tệp «\(path)»", en: "file not found: \"\(path)\""))
            }
            let why = SystemErrorText.describe(code)
            throw EngineError(
                .usage,
                Localized(vi: "không mở được tệp «\(path)»: \(why.vi)", en: "cannot open \"\(path)\": \(why.en)"))
        }
        return FileByteSource(fd: fd, path: path)
    }

    /// The size in bytes of a file, if it can be read.
    public func size(_ path: String) -> Int? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return Int(info.st_size)
    }

    /// Creates a directory and its missing parents (`mkdir -p`).
    public func createDirectory(_ path: String) throws(EngineError) {
        if isDirectory(path) { return }
        let parent = PathText.parent(path)
        if parent != path && !exists(parent) { try createDirectory(parent) }
        if mkdir(path, 0o755) != 0 && !(errno == EEXIST && isDirectory(path)) {
            throw Self.failure(
                .usage, errno,
                Localized(vi: "không tạo được thư mục «\(path)»", en: "cannot create the folder \"\(path)\""))
        }
    }

    /// A new, empty directory with a unique name in `parent`, for work that is moved into
    /// place when complete (`mkdtemp`). Short names: a long target name must not make the
    /// temporary one too long.
    public func makeTemporaryDirectory(in parent: String) throws(EngineError) -> String {
        var template = Array(((parent as NSString).appendingPathComponent(".budget-tam-XXXXXX")).utf8CString)
        let made = template.withUnsafeMutableBufferPointer { buffer -> Bool in
            guard let base = buffer.baseAddress else { return false }
            return mkdtemp(base) != nil
        }
        guard made else {
            throw Self.failure(
                .environment, errno,
                Localized(
                    vi: "không tạo được thư mục tạm trong «\(parent)»",
                    en: "cannot create a temporary folder in \"\(parent)\""))
        }
        return String(decoding: template.prefix(while: { $0 != 0 }).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// Writes a new file that must not exist yet (inside a folder of our own).
    public func writeNewFile(_ bytes: [UInt8], to path: String) throws(EngineError) {
        do {
            let sink = try FileSink(path: path, mode: .createNew)
            try bytes.withUnsafeBytes { try sink.write($0) }
            try sink.finish()
        } catch {
            throw EngineErrors.from(error)
        }
    }

    /// Writes `path` through a temporary file beside it and a rename, so that a reader
    /// never sees half a file and a failure leaves the old file (if any) whole. `fill`
    /// writes the bytes; the caller checked the target first (``OutputGuard``).
    public func replaceFile(at path: String, _ fill: (FileSink) throws -> Void) throws(EngineError) {
        let staging = try writeBeside(path, fill)
        do {
            try rename(staging, to: path)
        } catch {
            _ = unlink(staging)
            throw error
        }
    }

    /// Writes a complete file under a temporary name beside `path` and returns that name,
    /// for the caller to rename into place when everything else is ready (or remove).
    public func writeBeside(_ path: String, _ fill: (FileSink) throws -> Void) throws(EngineError) -> String {
        let staging = PathText.parent(path) + "/.budget-tam-\(UInt64.random(in: 0...UInt64.max))"
        do {
            let sink = try FileSink(path: staging, mode: .createNew)
            try fill(sink)
            try sink.finish()
        } catch {
            _ = unlink(staging)
            throw EngineErrors.from(error)
        }
        return staging
    }

    /// Renames `from` to `to`, replacing a file at `to` atomically (rename(2)).
    public func rename(_ from: String, to: String) throws(EngineError) {
        guard Foundation.rename(from, to) == 0 else {
            throw Self.failure(
                .environment, errno,
                Localized(
                    vi: "không đổi tên được «\(from)» thành «\(to)»", en: "cannot rename \"\(from)\" to \"\(to)\""))
        }
    }

    /// Removes a tree this tool made itself (a staging folder, an old package moved aside).
    /// Never follows a symbolic link: a link is removed, not what it points to.
    public func removeTree(_ path: String) throws(EngineError) {
        switch kind(path) {
        case .missing: return
        case .directory:
            for name in list(path) { try removeTree((path as NSString).appendingPathComponent(name)) }
            if rmdir(path) != 0 {
                throw Self.failure(
                    .environment, errno, Localized(vi: "không xóa được «\(path)»", en: "cannot remove \"\(path)\""))
            }
        default:
            if unlink(path) != 0 {
                throw Self.failure(
                    .environment, errno, Localized(vi: "không xóa được «\(path)»", en: "cannot remove \"\(path)\""))
            }
        }
    }

    /// An engine error for a failed call: what was being done, then why, in both languages.
    static func failure(_ kind: EngineError.Kind, _ code: Int32, _ what: Localized) -> EngineError {
        let why = SystemErrorText.describe(code)
        // A full disk or an I/O error is the environment's whatever was being done.
        let kind: EngineError.Kind = [ENOSPC, EDQUOT, EIO].contains(code) ? .environment : kind
        return EngineError(kind, Localized(vi: "\(what.vi): \(why.vi)", en: "\(what.en): \(why.en)"))
    }
}

private func Glibc_open(_ path: String) -> Int32 {
    open(path, O_RDONLY | O_CLOEXEC)
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
    public var description: String { "\(path): \(SystemErrorText.describe(code).en)" }
}
