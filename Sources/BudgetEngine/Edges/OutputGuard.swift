import BudgetCore
import BudgetStore
import Foundation

/// Where a command may write, decided before anything is written.
///
/// The round is the ledger: no output may land on it, inside it or over a folder that holds
/// one, and `--force` replaces only a folder that is empty or holds an earlier package.
/// Only regular files are replaced: a symbolic link, a device, a FIFO or a socket is
/// refused, so that `-o` can never replace `/dev/stdout` or write through a link into a
/// round. Every refusal is a usage error (exit 2) with nothing written.
struct OutputGuard {
    let fileSystem: LocalFileSystem

    /// What a folder target holds now.
    enum FolderState: Equatable {
        case absent
        case empty
        /// An earlier package (`manifest.json` at its top), which `--force` may replace.
        case earlierPackage
    }

    /// Checks `-o FILE`: absent or a regular file, in an existing folder that is not (in)
    /// a round; an existing file is replaced only with `force` (when the command asks).
    func checkFile(_ path: String, force: Bool = true) throws(EngineError) {
        switch fileSystem.kind(path) {
        case .missing, .regular: break
        case .directory: throw refusal(path, vi: "là thư mục, không phải tệp", en: "is a folder, not a file")
        case let special: throw specialRefusal(path, special)
        }
        if fileSystem.kind(path) == .regular && !force {
            throw EngineError(
                .usage,
                Localized(
                    vi: "«\(path)» đã có; không ghi đè (dùng --force nếu muốn thay)",
                    en: "\"\(path)\" already exists; not replaced (use --force to replace it)"))
        }
        let parent = Self.parent(of: path)
        guard fileSystem.isDirectory(parent) else {
            throw refusal(
                path, vi: "nằm trong thư mục không có: «\(parent)»",
                en: "is in a folder that does not exist: \"\(parent)\"")
        }
        try refuseRoundAround(path, folder: parent)
        if (path as NSString).lastPathComponent.utf8.count > 255 {
            throw refusal(path, vi: "có tên dài quá 255 byte", en: "has a name longer than 255 bytes")
        }
    }

    /// Checks a folder that new files will be made in (the portal's scratch folder's
    /// parent): it exists and neither is nor lies in a round. Whatever it already holds
    /// does not matter — nothing in it is replaced.
    func checkParent(_ folder: String) throws(EngineError) {
        guard fileSystem.isDirectory(folder) else {
            throw refusal(folder, vi: "không phải thư mục có sẵn", en: "is not an existing folder")
        }
        try refuseRoundAround(folder, folder: folder)
    }

    /// Checks `--out DIR` for `package` and `demo`: not a round, not inside one, not holding
    /// one; absent or empty, or (with `force`) an earlier package.
    func checkFolder(_ path: String, force: Bool, forceHint: Bool = true) throws(EngineError) -> FolderState {
        if (path as NSString).lastPathComponent.utf8.count > 250 {
            throw refusal(path, vi: "có tên quá dài", en: "has too long a name")
        }
        let state: FolderState
        switch fileSystem.kind(path) {
        case .missing:
            state = .absent
        case .directory:
            if Self.isRound(path, fileSystem) {
                throw refusal(path, vi: "là thư mục của một đợt tổng hợp", en: "is a round's folder")
            }
            let names = fileSystem.list(path)
            if names.isEmpty {
                state = .empty
            } else {
                if let inner = findRound(below: path) {
                    throw refusal(
                        path, vi: "chứa một đợt tổng hợp («\(inner)»)", en: "holds a round (\"\(inner)\")")
                }
                guard names.contains("manifest.json") else {
                    throw refusal(
                        path, vi: "không trống và không phải gói hồ sơ đã lập; chọn thư mục khác",
                        en: "is not empty and holds no earlier package; choose another folder")
                }
                guard force else {
                    throw refusal(
                        path,
                        vi: forceHint ? "đã chứa một gói hồ sơ; dùng --force để thay bằng gói mới" : "không trống",
                        en: forceHint ? "holds an earlier package; use --force to replace it" : "is not empty")
                }
                state = .earlierPackage
            }
        case .regular: throw refusal(path, vi: "là một tệp, không phải thư mục", en: "is a file, not a folder")
        case let special: throw specialRefusal(path, special)
        }
        var existing = Self.parent(of: path)
        while !fileSystem.exists(existing) && existing != "/" && existing != "." {
            existing = Self.parent(of: existing)
        }
        try refuseRoundAround(path, folder: existing)
        if state != .absent, let here = fileSystem.resolved(path),
            let current = fileSystem.resolved(fileSystem.currentDirectory),
            current == here || current.hasPrefix(here + "/")
        {
            throw refusal(path, vi: "là (hoặc chứa) thư mục đang đứng", en: "is (or holds) the current folder")
        }
        return state
    }

    /// Refuses a target whose folder, or any folder above it, is a round.
    private func refuseRoundAround(_ path: String, folder: String) throws(EngineError) {
        guard var current = fileSystem.resolved(folder) else { return }
        while true {
            if Self.isRound(current, fileSystem) {
                throw refusal(
                    path, vi: "nằm trong thư mục của một đợt tổng hợp («\(current)»)",
                    en: "lies inside a round's folder (\"\(current)\")")
            }
            if current == "/" || current.isEmpty { return }
            current = PathText.parent(current)
        }
    }

    /// A round somewhere below `folder` (bounded: a package holds a few thousand files), or
    /// `nil`. A folder too large to search is treated as holding one: it is no package.
    private func findRound(below folder: String) -> String? {
        var queue: [(String, Int)] = [(folder, 0)]
        var visited = 0
        while let (current, depth) = queue.popLast() {
            for name in fileSystem.list(current) {
                visited += 1
                if visited > 50_000 { return folder }
                let path = (current as NSString).appendingPathComponent(name)
                if name == RoundStore.databaseFileName { return current }
                if depth < 6 && fileSystem.kind(path) == .directory { queue.append((path, depth + 1)) }
            }
        }
        return nil
    }

    static func isRound(_ folder: String, _ fileSystem: LocalFileSystem) -> Bool {
        fileSystem.exists((folder as NSString).appendingPathComponent(RoundStore.databaseFileName))
    }

    static func parent(of path: String) -> String { PathText.parent(path) }

    private func refusal(_ path: String, vi: String, en: String) -> EngineError {
        EngineError(
            .usage, Localized(vi: "không ghi vào «\(path)»: \(vi)", en: "not writing to \"\(path)\": it \(en)"))
    }

    private func specialRefusal(_ path: String, _ kind: LocalFileSystem.Kind) -> EngineError {
        switch kind {
        case .symbolicLink:
            refusal(
                path, vi: "là liên kết tượng trưng; hãy ghi ra tệp thường",
                en: "is a symbolic link; write to a regular file")
        case .device:
            refusal(path, vi: "là thiết bị; dùng - để ghi ra màn hình", en: "is a device; use - for standard output")
        case .fifo: refusal(path, vi: "là ống dẫn (FIFO)", en: "is a FIFO")
        default: refusal(path, vi: "là socket", en: "is a socket")
        }
    }
}
