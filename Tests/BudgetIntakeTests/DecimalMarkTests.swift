import BudgetCore
import Testing

@testable import BudgetIntake

@Suite("Decimal mark: one decision per file, from evidence")
struct DecimalMarkTests {
    static func read(_ rows: String) -> ReadResult {
        Fixture.read("Mã nội dung;Nội dung;Số lượng;Đơn giá;Thành tiền\n" + rows)
    }

    @Test("(a) repeated or both marks decide, and settle an earlier ambiguous quantity")
    func repeatedMarks() {
        let result = Self.read("I.1;a;1.500;2;3000\nI.1;b;2;1.000.000;2.000.000\n")
        #expect(result.report.decimalMark == ",")
        #expect(result.lines.map(\.quantity) == [Quantity(1500), Quantity(2)])
        #expect(result.report.findings.isEmpty)
    }

    @Test(
        "a held line is overtaken by a later one; keeping file order, every line waits its turn and nothing else changes"
    )
    func fileOrder() {
        // Line 2 waits for the mark; line 3 ("2") neither waits nor decides; line 4 decides.
        let rows = "I.1;a;1.500;;3000\nI.1;b;2;4;8\nI.1;c;2,5;4;10\nI.1;d;3;1;3\n"
        let loose = Self.read(rows)
        // `lines` is sorted for the other tests; the consumer's own list is the order given.
        #expect(loose.consumer.lines.map(\.line) == [3, 2, 4, 5])
        let ordered = Fixture.read(
            "Mã nội dung;Nội dung;Số lượng;Đơn giá;Thành tiền\n" + rows, keepsFileOrder: true)
        #expect(ordered.consumer.lines.map(\.line) == [2, 3, 4, 5])
        #expect(ordered.consumer.lines == loose.lines)
        #expect(ordered.report.findings == loose.report.findings)
        #expect(ordered.report.lineCount == 4)
        // Never decided: the held lines are given at the end, still in file order.
        let undecided = Fixture.read(
            "Mã nội dung;Nội dung;Số lượng;Đơn giá;Thành tiền\nI.1;a;1.500;;3000\nI.1;b;2;4;8\n", keepsFileOrder: true)
        #expect(undecided.consumer.lines.map(\.line) == [2, 3])
        #expect(undecided.findings == [Located(2, 3, .ambiguousNumber)])
    }

    @Test("(a) in English style: '1,234.5' makes '.' the decimal mark")
    func bothMarks() {
        let result = Self.read("I.1;a;1,234.5;2;2469\n")
        #expect(result.report.decimalMark == ".")
        #expect(result.lines.first?.quantity == Quantity(mantissa: 12345, scale: 1))
    }

    @Test("(b) a money cell with one mark before three digits is a thousands mark")
    func moneyColumn() {
        let result = Self.read("I.1;a;1.500;2;3.000\n")
        #expect(result.report.decimalMark == ",")
        #expect(result.lines.first?.amount == Money(dong: 3000))
        #expect(result.lines.first?.quantity == Quantity(1500))
    }

    @Test("a mark not followed by three digits can only be decimal: it decides too")
    func decimalShape() {
        let result = Self.read("I.1;a;2,5;4;10\nI.1;b;1,500;2;3\n")
        #expect(result.report.decimalMark == ",")
        #expect(result.lines.map(\.quantity) == [Quantity(mantissa: 25, scale: 1), Quantity(mantissa: 15, scale: 1)])
    }

    @Test("(c) quantity × unit price = amount breaks the tie when nothing else shows the mark")
    func tieBreaker() {
        let thousands = Self.read("I.1;a;1.500;2;3000\n")
        #expect(thousands.report.decimalMark == ",")
        #expect(thousands.lines.first?.quantity == Quantity(1500))
        let decimal = Self.read("I.1;a;1.500;2000;3000\n")
        #expect(decimal.report.decimalMark == ".")
        #expect(decimal.lines.first?.quantity == Quantity(mantissa: 15, scale: 1))
    }

    @Test("undecidable numbers are ambiguous-number with both readings, and the line has no quantity")
    func undecidable() throws {
        let result = Self.read("I.1;a;1.500;;3000\n")
        #expect(result.findings == [Located(2, 3, .ambiguousNumber)])
        let finding = try #require(result.report.findings.first)
        #expect(finding.arguments == ["readingA": "1500", "readingB": "1.5"])
        #expect(result.lines.count == 1)
        #expect(result.lines.first?.quantity == nil)
        #expect(result.report.decimalMark == nil)
    }

    @Test("a number contradicting the decided mark is an ambiguous-number conflict naming the evidence")
    func conflict() throws {
        let result = Self.read("I.1;a;2;1.000.000;2.000.000\nI.1;b;2;1,000,000;2,000,000\n")
        #expect(
            result.findings == [
                Located(3, 4, .ambiguousNumber, "conflict"), Located(3, 5, .ambiguousNumber, "conflict"),
            ])
        let finding = try #require(result.report.findings.first)
        #expect(finding.arguments == ["mark": ".", "evidenceLine": "2", "evidence": "2.000.000"])
    }

    @Test("'1.234.567' as a quantity where ',' is thousands and '.' decimal is rejected")
    func englishFileRejectsVietnameseQuantity() {
        let result = Fixture.read(
            "Mã nội dung,Nội dung,Số lượng,Đơn giá,Thành tiền\nI.1,a,2,\"1,000,000\",\"2,000,000\"\nI.1,b,1.234.567,1,1\n"
        )
        #expect(result.report.decimalMark == ".")
        #expect(result.findings == [Located(3, 3, .ambiguousNumber, "conflict")])
        #expect(result.lines[1].quantity == nil)
    }

    @Test("plain integers need no decision")
    func integers() {
        let result = Self.read("I.1;a;3;1000;3000\n")
        #expect(result.report.decimalMark == nil)
        #expect(result.report.findings.isEmpty)
    }

    @Test("held lines are given to the consumer exactly once, before the line that decided")
    func heldOrder() {
        let result = Self.read("I.1;a;1.500;;1\nI.1;b;1.500;;2\nI.1;c;1;1.000.000;1.000.000\n")
        #expect(result.consumer.lines.map(\.line) == [2, 3, 4])
        #expect(result.lines.map(\.quantity) == [Quantity(1500), Quantity(1500), Quantity(1)])
    }
}
