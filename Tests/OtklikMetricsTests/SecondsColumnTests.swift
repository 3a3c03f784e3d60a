import Foundation
import Testing
@testable import OtklikMetrics

/// ``SecondsColumn``: 4-byte floats while every value is exact in one, widened to doubles at the first that is
/// not, every value read back as appended; thresholds compared at the column's width as in `Double`.
@Suite struct SecondsColumnTests {
    @Test func floatsUntilAValueIsNotExactThenDoubles() {
        var column = SecondsColumn()
        let exact: [Double] = [0, 1, 20, 19.5, 45.25, 86_400, 16_777_216, .nan, -0.0, .infinity]
        for value in exact { column.append(value) }
        #expect(column.isFloat && column.bytesPerValue == 4)
        guard case .float = column.width else { Issue.record("expected floats"); return }
        // 0.1 and 2²⁴ + 1 are not exact in a Float: the first of them widens the whole column.
        let inexact: [Double] = [0.1, 16_777_217, 19.999, 3]
        for value in inexact { column.append(value) }
        #expect(!column.isFloat && column.bytesPerValue == 8)
        guard case .double(let pointer) = column.width else { Issue.record("expected doubles"); return }
        let all = exact + inexact
        #expect(column.count == all.count)
        for (row, value) in all.enumerated() {
            #expect(column[row].bitPattern == value.bitPattern || (column[row].isNaN && value.isNaN), "row \(row)")
            #expect(pointer[row].bitPattern == column[row].bitPattern, "row \(row)")
        }
        #expect(column.allocatedBytes >= all.count * 8)
    }

    /// A copy taken before the widening (a scan's snapshot) keeps its floats.
    @Test func aSnapshotKeepsItsWidth() {
        var column = SecondsColumn()
        column.append(5)
        let snapshot = column
        column.append(0.1)
        #expect(snapshot.isFloat && snapshot.count == 1 && snapshot[0] == 5)
        #expect(!column.isFloat && column[0] == 5 && column[1] == 0.1)
    }

    /// `w <= atMost(t)` in Float answers `Double(w) <= t` for every pair, including thresholds between floats.
    @Test func thresholdsCompareAsInDouble() {
        let waits: [Float] = [0, 5, 19.5, 19.998999, 19.999, 20, 20.5, 1e30, .infinity, Float(19.999).nextUp, Float(19.999).nextDown]
        let limits: [Double] = [0, 5, 19.999, 20, 19.5, 0.1, -1, 1e300, .infinity, -.infinity, Double(Float(19.999)), 20.000000001]
        for limit in limits {
            let narrow = Float.atMost(limit)
            for wait in waits {
                #expect((wait <= narrow) == (Double(wait) <= limit), "\(wait) <= \(limit)")
            }
        }
        #expect(Float.atMost(.nan).isNaN && !(Float(1) <= Float.atMost(.nan)))
    }
}
