import BudgetCore
import Foundation
import Testing

@testable import BudgetStore

/// The store's messages quote as every other message does: «…» in Vietnamese, "…" in
/// English (the papers alone use “…”).
@Suite("The store's messages")
struct StoreMessageTests {
    static let path = "dot-1/round.sqlite"

    static var errors: [StoreError] {
        let operations: [StoreOperation] = [
            .create, .open, .record(fileName: "bao-kon-tum.csv"), .read, .check, .write,
        ]
        var all: [StoreError] = [
            .noRound(directory: "dot-1", file: "round.sqlite"),
            .foreignDatabase(path, applicationID: 7),
            .alreadyExists(directory: "dot-1", file: "round.sqlite"),
            .tooNew(path, found: 9),
        ]
        for operation in operations {
            all += [
                .notADirectory("dot-1", operation), .damaged(path, operation, what: "x"),
                .invalidInput(operation, "x"), .bytesChanged(path, operation, detail: "x"),
                .permissionDenied(path, operation, detail: "x"), .diskFull(path, operation, detail: "x"),
                .ioError(path, operation, detail: "x"), .constraintViolation(path, operation, detail: "x"),
                .busy(path, operation, detail: "x"),
            ]
        }
        return all
    }

    @Test("Vietnamese quotes with «…», English with \"…\"; each names the path it is about")
    func quotes() {
        for error in Self.errors {
            let vi = error.message.vi
            let en = error.message.en
            #expect(!vi.contains("“") && !vi.contains("\""), "\(vi)")
            #expect(!en.contains("“") && !en.contains("«"), "\(en)")
            #expect(vi.contains("«dot-1") || !vi.contains("dot-1"), "\(vi)")
            #expect(en.contains("\"dot-1") || !en.contains("dot-1"), "\(en)")
        }
    }
}
