import BudgetCore
import Foundation

/// One file after the first pass: judged as `check` judges it and hashed to its last byte,
/// nothing recorded yet.
struct CheckedFile: Sendable {
    let path: String
    let fileName: String
    let check: FileCheck
    let sha256: String
    let size: Int
    /// The bytes themselves, for a file of at most ``heldInMemory`` bytes: read once, and
    /// stored from memory without reading or hashing the file again.
    let contents: HashedBytes?

    /// The largest file the first pass keeps in memory. A typical estimate is well under
    /// it; the first pass holds at most a few files at once (its lookahead), so memory
    /// stays a few megabytes whatever the number of files. Larger files stream.
    static let heldInMemory = 1 << 20

    /// Reads, judges and hashes the file at `path`: a small file read whole into memory
    /// once, a larger one streamed (``HashingSource``), so memory does not grow with it.
    static func run(
        path: String, displayName: String?, plan: Plan, options: ReadOptions, fileSystem: LocalFileSystem
    ) throws(EngineError) -> CheckedFile {
        let fileName = displayName ?? URL(fileURLWithPath: path).lastPathComponent
        if let size = fileSystem.size(path), size <= heldInMemory,
            let bytes = try fileSystem.read(path, atMost: heldInMemory)
        {
            let held = HashedBytes(hashing: bytes)
            let check = try SubmissionCheck.run(
                plan: plan, fileName: fileName, options: options, open: { MemoryByteSource(held.bytes) },
                byteCount: bytes.count)
            return CheckedFile(
                path: path, fileName: fileName, check: check, sha256: held.sha256, size: bytes.count, contents: held)
        }
        let file = HashingSource(open: { () throws(EngineError) in try fileSystem.open(path) }, close: { $0.close() })
        let check = try SubmissionCheck.run(
            plan: plan, fileName: fileName, options: options, open: { try file.open() },
            byteCount: fileSystem.size(path))
        let sha256: String
        let size: Int
        do {
            (sha256, size) = try file.finish(bufferSize: Submit.bufferSize(fileSystem.size(path)))
        } catch {
            throw EngineErrors.from(error)
        }
        if size > Submit.largestKept { throw Submit.tooLarge(path, size) }
        return CheckedFile(path: path, fileName: fileName, check: check, sha256: sha256, size: size, contents: nil)
    }
}

/// The first pass of `submit FILE...` on every core, its results taken in argument order.
///
/// Workers take the files in argument order, each the next one not yet taken, and run
/// ``CheckedFile/run(path:displayName:plan:options:fileSystem:)`` on it; the recording
/// thread takes the results with ``take(_:)`` in argument order, waiting for a result not
/// yet there. Workers stay at most `lookahead` files ahead of the recording thread, so what
/// is held (a file's findings and item totals, never its lines or bytes) does not grow with
/// the number of files. Nothing here touches the round.
final class FirstPass: @unchecked Sendable {
    private let paths: [String]
    private let work: @Sendable (String) throws(EngineError) -> CheckedFile
    private let lookahead: Int
    private let condition = NSCondition()
    private var results: [Int: Result<CheckedFile, EngineError>] = [:]
    private var nextToStart = 0
    private var taken = 0
    private var stopped = false
    private let inline: Bool

    /// Starts `workers` threads over `paths`; with none, ``take(_:)`` reads each file itself,
    /// on the calling thread (one file: no thread is worth starting).
    init(
        paths: [String], workers: Int, lookahead: Int,
        work: @escaping @Sendable (String) throws(EngineError) -> CheckedFile
    ) {
        self.paths = paths
        self.work = work
        self.lookahead = max(lookahead, workers, 1)
        self.inline = workers <= 0
        for _ in 0..<min(workers, paths.count) {
            let thread = Thread { [self] in self.runWorker() }
            thread.stackSize = 8 << 20
            thread.start()
        }
    }

    /// The first pass's result for file `index`, waiting for it; each index once, in order.
    func take(_ index: Int) throws(EngineError) -> CheckedFile {
        if inline { return try work(paths[index]) }
        condition.lock()
        while results[index] == nil { condition.wait() }
        let result = results.removeValue(forKey: index)!
        taken = index + 1
        condition.broadcast()
        condition.unlock()
        return try result.get()
    }

    /// Lets the workers go: each finishes the file it is reading and takes no other.
    func stop() {
        condition.lock()
        stopped = true
        condition.broadcast()
        condition.unlock()
    }

    private func runWorker() {
        while true {
            condition.lock()
            while !stopped && nextToStart < paths.count && nextToStart >= taken + lookahead { condition.wait() }
            if stopped || nextToStart >= paths.count {
                condition.unlock()
                return
            }
            let index = nextToStart
            nextToStart += 1
            condition.unlock()
            let result: Result<CheckedFile, EngineError>
            do {
                result = .success(try work(paths[index]))
            } catch {
                result = .failure(error)
            }
            condition.lock()
            results[index] = result
            condition.broadcast()
            condition.unlock()
        }
    }
}
