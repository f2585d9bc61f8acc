import Foundation

/// Replays fuzz inputs through ``IntakeHarness/violations(_:)`` outside libFuzzer, in a
/// release build: `FuzzIntake [--stream OFFSETS] [--save DIR] PATH…`.
///
/// With `--stream 0,1,2,3` every input is run in streaming mode instead (bit 7 of its
/// first byte set, then each offset as byte 1): its text behind a megabyte of blank lines, so the
/// reader's chunk boundary falls inside it. The fuzzer itself cannot afford that (seconds
/// per input in its debug, ASan build), but a release build replays a whole corpus in
/// minutes, and that is how the chunk-boundary bugs in Fixtures/fuzz/crashes/stream-* were
/// found. Inputs that break an invariant are printed and, with `--save`, written to DIR.
/// Called only by the replay tool's `main` (built with `-DFUZZ_REPLAY`; see main.swift).
enum CorpusReplay {
    /// Runs the replay and exits: 0 clean, 1 if an input broke an invariant, 2 for usage.
    static func main(_ arguments: [String]) -> Never {
        exit(run(arguments))
    }

    /// Runs the replay; returns the exit code.
    static func run(_ arguments: [String]) -> Int32 {
        var offsets: [UInt8]? = nil
        var saveDirectory: String?
        var paths: [String] = []
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            switch argument {
            case "--stream", "--save":
                guard index + 1 < arguments.count else { return usage() }
                if argument == "--save" {
                    saveDirectory = arguments[index + 1]
                } else {
                    offsets = arguments[index + 1].split(separator: ",").compactMap { UInt8($0) }
                }
                index += 2
            default:
                paths.append(argument)
                index += 1
            }
        }
        guard !paths.isEmpty else { return usage() }

        var inputs = 0
        var failures = 0
        for path in paths {
            for file in files(path) {
                guard let data = FileManager.default.contents(atPath: file) else { continue }
                let input = [UInt8](data)
                var variants: [(String, [UInt8])] = [("", input)]
                if let offsets, let mode = input.first {
                    variants = offsets.map { ("+stream\($0)", [mode | 0x80, $0] + input.dropFirst()) }
                }
                for (suffix, variant) in variants {
                    inputs += 1
                    let problems = IntakeHarness.violations(variant)
                    guard !problems.isEmpty else { continue }
                    failures += 1
                    let name = (file as NSString).lastPathComponent + suffix
                    print(
                        "FAIL \(name):\n  "
                            + problems.prefix(5).map { String($0.prefix(600)) }.joined(separator: "\n  "))
                    if let saveDirectory {
                        _ = FileManager.default.createFile(
                            atPath: (saveDirectory as NSString).appendingPathComponent(name), contents: Data(variant))
                    }
                }
            }
        }
        print("replayed \(inputs) inputs: \(failures) broke an invariant")
        return failures == 0 ? 0 : 1
    }

    /// `path` itself, or the files in it (sorted) if it is a directory.
    static func files(_ path: String) -> [String] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { return [] }
        guard isDirectory.boolValue else { return [path] }
        let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
        return names.filter { !$0.hasPrefix(".") }.sorted().map { (path as NSString).appendingPathComponent($0) }
    }

    static func usage() -> Int32 {
        print("usage: FuzzIntake [--stream OFFSETS] [--save DIR] PATH...   (built with -DFUZZ_REPLAY)")
        return 2
    }
}
