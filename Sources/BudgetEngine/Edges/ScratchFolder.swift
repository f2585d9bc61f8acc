import BudgetCore
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A private folder for the portal's uploads and downloads in progress, never inside a round.
///
/// An upload is streamed to a file here, checked or recorded through ``Submit`` (which
/// keeps its own copy in the ledger), then removed; a package or a sheet is built here and
/// streamed to the browser. The folder is made with `mkdtemp` (mode 0700) under `parent`
/// (the system's temporary folder by default) and named after the process
/// (`budget-portal-PID-XXXXXX`), so that a server killed with `kill -9` leaves something
/// the next one recognises and removes (``removeAbandoned(in:)``).
public struct ScratchFolder: Sendable {
    public let path: String
    let fileSystem: LocalFileSystem

    /// Makes the folder; refuses a parent that is, or lies in, a round (`round` among them).
    public static func create(
        parent: String? = nil, fileSystem: LocalFileSystem = LocalFileSystem()
    ) throws(EngineError) -> ScratchFolder {
        let base = parent ?? NSTemporaryDirectory()
        var trimmed = base
        while trimmed.count > 1 && trimmed.hasSuffix("/") { trimmed.removeLast() }
        // A file in the folder-to-be must pass the output guard: not in a round. The name
        // probed is one nothing has (a fixed "x" failed whenever the temporary folder held a
        // folder or a link of that name).
        try OutputGuard(fileSystem: fileSystem).checkFile(
            (trimmed as NSString).appendingPathComponent("budget-portal-probe-\(UUID().uuidString)"))
        var template = Array(
            (trimmed as NSString).appendingPathComponent("budget-portal-\(getpid())-XXXXXX").utf8CString)
        let made = template.withUnsafeMutableBufferPointer { buffer -> Bool in
            guard let pointer = buffer.baseAddress else { return false }
            return mkdtemp(pointer) != nil
        }
        guard made else {
            throw LocalFileSystem.failure(
                .environment, errno,
                Localized(
                    vi: "không tạo được thư mục tạm trong «\(trimmed)»",
                    en: "cannot create a temporary folder in \"\(trimmed)\""))
        }
        let path = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return ScratchFolder(path: path, fileSystem: fileSystem)
    }

    /// Removes the scratch folders of portal processes that are no longer running (killed
    /// before they could clean up); returns how many.
    @discardableResult
    public static func removeAbandoned(in parent: String? = nil, fileSystem: LocalFileSystem = LocalFileSystem()) -> Int
    {
        let base = parent ?? NSTemporaryDirectory()
        var removed = 0
        for name in fileSystem.list(base) where name.hasPrefix("budget-portal-") {
            let parts = name.split(separator: "-")
            guard parts.count == 4, let pid = Int32(parts[2]), pid != getpid() else { continue }
            if kill(pid, 0) == 0 || errno == EPERM { continue }
            let path = (base as NSString).appendingPathComponent(name)
            if fileSystem.kind(path) == .directory, (try? fileSystem.removeTree(path)) != nil { removed += 1 }
        }
        return removed
    }

    /// A new empty file in the folder, open for writing.
    public func newFile(suffix: String = "") throws(EngineError) -> ScratchFile {
        let path = (self.path as NSString).appendingPathComponent(
            "f-\(UInt64.random(in: 0...UInt64.max))\(suffix)")
        let fd = Glibc_openNew(path)
        guard fd >= 0 else {
            throw LocalFileSystem.failure(
                .environment, errno, Localized(vi: "không tạo được tệp tạm", en: "cannot create a temporary file"))
        }
        return ScratchFile(path: path, fd: fd)
    }

    /// A new path in the folder (for an output a use case writes itself).
    public func newPath(_ name: String) -> String {
        (path as NSString).appendingPathComponent("o-\(UInt64.random(in: 0...UInt64.max))-\(name)")
    }

    /// Removes a file or folder made here.
    public func remove(_ path: String) { try? fileSystem.removeTree(path) }

    /// Removes the whole folder.
    public func removeAll() { try? fileSystem.removeTree(path) }
}

private func Glibc_openNew(_ path: String) -> Int32 {
    open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
}

/// The system calls, under names that ``ScratchFile``'s own methods do not shadow.
private func posixClose(_ fd: Int32) { _ = close(fd) }
private func posixWrite(_ fd: Int32, _ base: UnsafeRawPointer, _ count: Int) -> Int { write(fd, base, count) }

/// A file being written in a ``ScratchFolder``: an upload as it arrives.
public final class ScratchFile: @unchecked Sendable {
    public let path: String
    private var fd: Int32
    /// Bytes written so far.
    public private(set) var size: Int = 0

    init(path: String, fd: Int32) {
        self.path = path
        self.fd = fd
    }

    deinit { if fd >= 0 { posixClose(fd) } }

    /// Appends bytes.
    public func write(_ bytes: UnsafeRawBufferPointer) throws(EngineError) {
        guard var base = bytes.baseAddress else { return }
        var left = bytes.count
        while left > 0 {
            let n = posixWrite(fd, base, left)
            if n < 0 {
                if errno == EINTR { continue }
                throw LocalFileSystem.failure(
                    .environment, errno, Localized(vi: "không ghi được tệp tạm", en: "cannot write a temporary file"))
            }
            left -= n
            base += n
            size += n
        }
    }

    /// Appends bytes.
    public func write(_ bytes: [UInt8]) throws(EngineError) {
        var failure: EngineError?
        bytes.withUnsafeBytes { buffer in
            do throws(EngineError) { try write(buffer) } catch { failure = error }
        }
        if let failure { throw failure }
    }

    /// Closes the file (its bytes stay until the folder or ``remove()`` removes them).
    public func close() {
        if fd >= 0 { posixClose(fd) }
        fd = -1
    }

    /// Closes and removes the file.
    public func remove() {
        close()
        _ = unlink(path)
    }
}
