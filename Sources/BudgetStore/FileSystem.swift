import BudgetCore
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// The few file-system calls the store makes itself (SQLite makes the rest), through POSIX
/// so that every failure keeps its `errno` and maps to the same error kinds as SQLite's.
enum FileSystem {
    enum Kind { case missing, directory, other }

    /// What is at `path`, following symbolic links.
    static func kind(_ path: String) -> Kind {
        var info = stat()
        guard stat(path, &info) == 0 else { return .missing }
        return (info.st_mode & S_IFMT) == S_IFDIR ? .directory : .other
    }

    /// The `errno` when `path` cannot be looked up because permission is refused (a
    /// directory on the way may not be searched), else `nil`.
    static func lookupDenied(_ path: String) -> Int32? {
        var info = stat()
        guard lstat(path, &info) != 0 else { return nil }
        let code = SystemError.current
        return SystemError.classify(code) == .permissionDenied ? code : nil
    }

    /// Whether anything (even a dangling symbolic link) is at `path`.
    static func exists(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0
    }

    /// Why this process may not read and write the database at `databasePath` and create
    /// its companion files beside it, or `nil` if nothing forbids it.
    static func accessProblem(databasePath: String) -> String? {
        let directory = PathText.parent(databasePath)
        if exists(databasePath), access(databasePath, R_OK | W_OK) != 0 {
            return "access(\(databasePath), read-write): \(SystemError.describe(SystemError.current))"
        }
        if access(directory, W_OK | X_OK) != 0 {
            return "access(\(directory), write): \(SystemError.describe(SystemError.current))"
        }
        return nil
    }

    /// Removes a file if present; failures are ignored (used for clean-up only).
    static func remove(_ path: String) {
        _ = unlink(path)
    }

    /// Makes `path` and any missing parents, like `mkdir -p`.
    static func makeDirectories(_ path: String, _ operation: StoreOperation) throws(StoreError) {
        switch kind(path) {
        case .directory: return
        case .other: throw StoreError.notADirectory(path, operation)
        case .missing: break
        }
        let url = URL(fileURLWithPath: path).standardizedFileURL
        var prefix = ""
        for component in url.pathComponents {
            if component == "/" {
                prefix = "/"
                continue
            }
            prefix += (prefix.isEmpty || prefix.hasSuffix("/") ? "" : "/") + component
            if mkdir(prefix, 0o777) != 0 {
                let code = SystemError.current
                if code == EEXIST {
                    if kind(prefix) == .directory { continue }
                    throw StoreError.notADirectory(prefix, operation)
                }
                throw StoreError.fileSystem(prefix, operation, errno: code, call: "mkdir")
            }
        }
    }

    /// The device and inode of the file at `path`, or `nil` if there is none.
    static func identity(_ path: String) -> [UInt64]? {
        var info = stat()
        guard lstat(path, &info) == 0 else { return nil }
        return [UInt64(info.st_dev), UInt64(info.st_ino)]
    }

    /// Gives the complete file at `temporary` the name `final`, failing if `final` exists.
    ///
    /// `link(2)` is atomic and refuses to replace: two `budget init` at once cannot both
    /// win. File systems without hard links (FAT on a USB stick) get `rename(2)` after a
    /// check, which leaves a window between check and rename; that is the best they allow.
    /// The directory is synced afterwards so that the new name survives a power cut; if
    /// that fails, the name is taken away again, so that a failure leaves no round.
    static func placeWithoutReplacing(
        _ temporary: String, at final: String, directory: String, _ operation: StoreOperation
    ) throws(StoreError) {
        if link(temporary, final) != 0 {
            let code = SystemError.current
            if code == EEXIST {
                throw StoreError.alreadyExists(
                    directory: directory, file: URL(fileURLWithPath: final).lastPathComponent)
            }
            guard code == EPERM || code == ENOTSUP || code == EOPNOTSUPP || code == EMLINK || code == ENOSYS
            else {
                throw StoreError.fileSystem(final, operation, errno: code, call: "link")
            }
            if exists(final) {
                throw StoreError.alreadyExists(
                    directory: directory, file: URL(fileURLWithPath: final).lastPathComponent)
            }
            if rename(temporary, final) != 0 {
                throw StoreError.fileSystem(final, operation, errno: SystemError.current, call: "rename")
            }
        }
        do {
            try syncDirectory(directory, operation)
        } catch {
            remove(final)
            throw error
        }
    }

    /// `fsync` on a directory, so that names created in it are durable.
    static func syncDirectory(_ directory: String, _ operation: StoreOperation) throws(StoreError) {
        let descriptor = open(directory, O_RDONLY)
        guard descriptor >= 0 else {
            throw StoreError.fileSystem(directory, operation, errno: SystemError.current, call: "open")
        }
        defer { close(descriptor) }
        if fsync(descriptor) != 0 {
            let code = SystemError.current
            // Some file systems cannot sync a directory; the data itself is already synced.
            if code != EINVAL && code != ENOTSUP && code != EBADF {
                throw StoreError.fileSystem(directory, operation, errno: code, call: "fsync")
            }
        }
    }
}
