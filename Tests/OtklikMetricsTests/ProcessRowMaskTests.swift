import Testing
@testable import OtklikMetrics

/// The contacts' and requests' row tests (``CallRowMask``, ``RequestRowMask``, and ``OnlineCustomerRows`` and
/// ``CompletedRows`` narrowed from them or from ``EveryRow``) list a block's passing rows one ``ColumnFilter`` at a time
/// (``FilteredRows``); the rows listed are the rows whose ``RowTest/weight(_:)`` is 1, for every combination of the
/// filters, over columns with "no value" (−1) ids and times in `Double` seconds, over stretches that start and end
/// inside blocks and span several. Then the loops without a filter against plain counts: ``countBytes(_:equalTo:in:)``
/// and ``CompletedCosts``.
@Suite struct ProcessRowMaskTests {
    /// Random columns and masks, at stable addresses for the test's length.
    final class Columns {
        let count: Int
        let time, cost: UnsafeMutablePointer<Double>
        let queue, agent, location, service, customer: UnsafeMutablePointer<Int32>
        let channel, status: UnsafeMutablePointer<UInt8>
        /// Masks over ids shifted by one (queue, agent, location, service) and over channels (the filter, online).
        let masks: [UnsafeMutablePointer<UInt8>]
        private var state: UInt64

        init(count: Int, seed: UInt64) {
            self.count = count
            state = seed | 1
            (time, cost) = (.allocate(capacity: count), .allocate(capacity: count))
            (queue, agent, location, service, customer) = (
                .allocate(capacity: count), .allocate(capacity: count), .allocate(capacity: count), .allocate(capacity: count), .allocate(capacity: count))
            (channel, status) = (.allocate(capacity: count), .allocate(capacity: count))
            masks = (0..<6).map { _ in .allocate(capacity: 256) }
            for row in 0..<count {
                time[row] = Double(row) * 10 + Double(next(1_000)) / 100
                cost[row] = next(10) == 0 ? .nan : Double(next(100_000)) / 8
                // About one row in eight without a value (−1) in each id column.
                for column in [queue, agent, location, service, customer] { column[row] = Int32(next(40)) - 5 }
                channel[row] = UInt8(next(7))
                status[row] = UInt8(next(5))
            }
            for mask in masks {
                for code in 0..<256 { mask[code] = next(3) == 0 ? 0 : 1 }
            }
            for shifted in 0..<4 { masks[shifted][0] = 0 }
        }

        deinit {
            for column in [time, cost] { column.deallocate() }
            for column in [queue, agent, location, service, customer] { column.deallocate() }
            for column in [channel, status] { column.deallocate() }
            for mask in masks { mask.deallocate() }
        }

        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }

        /// The contact test with the filters whose bits are set in `subset` (bit 0 the time range, then queue, agent,
        /// location, service, channel).
        func callTest(_ subset: Int, from: Double, to: Double) -> CallRowMask {
            func on(_ bit: Int) -> Bool { subset & (1 << bit) != 0 }
            return CallRowMask(
                arrival: on(0) ? UnsafePointer(time) : nil, from: from, to: to,
                queue: queue, queueMask: on(1) ? UnsafePointer(masks[0]) : nil,
                agent: agent, agentMask: on(2) ? UnsafePointer(masks[1]) : nil,
                location: location, locationMask: on(3) ? UnsafePointer(masks[2]) : nil,
                service: service, serviceMask: on(4) ? UnsafePointer(masks[3]) : nil,
                channel: channel, channelMask: on(5) ? UnsafePointer(masks[4]) : nil)
        }

        /// The request test with the filters whose bits are set in `subset` (bit 0 the period, then service, location,
        /// channel).
        func requestTest(_ subset: Int, from: Double, to: Double) -> RequestRowMask {
            func on(_ bit: Int) -> Bool { subset & (1 << bit) != 0 }
            return RequestRowMask(
                submitted: on(0) ? UnsafePointer(time) : nil, from: from, to: to,
                service: service, serviceMask: on(1) ? UnsafePointer(masks[3]) : nil,
                location: location, locationMask: on(2) ? UnsafePointer(masks[2]) : nil,
                channel: channel, channelMask: on(3) ? UnsafePointer(masks[4]) : nil)
        }

        func online<Test: FilteredRows>(_ test: Test) -> OnlineCustomerRows<Test> {
            OnlineCustomerRows(test: test, channel: channel, online: masks[5], customer: customer)
        }

        func completed<Test: FilteredRows>(_ test: Test) -> CompletedRows<Test> { CompletedRows(test: test, status: status) }
    }

    static func expectListedRowsPass<Test: FilteredRows>(_ test: Test, _ stretches: [Range<Int>], _ label: String) {
        for stretch in stretches {
            var listed: [Int] = []
            RowSelection.forEachRow(of: stretch, passing: test) { listed.append($0) }
            let expected = stretch.filter { test.weight($0) != 0 }
            #expect(listed == expected, "\(label), rows \(stretch)")
        }
    }

    @Test(arguments: [UInt64(3), 0x9E37_79B9_7F4A_7C15])
    func listedRowsAreTheRowsThatPass(seed: UInt64) {
        let columns = Columns(count: 3 * RowSelection.blockRows + 700, seed: seed)
        let stretches = [0..<columns.count, 17..<(2 * RowSelection.blockRows + 5), 100..<100, 5..<9]
        let (from, to) = (5_000.5, 60_000.25)
        for subset in 0..<64 {
            let test = columns.callTest(subset, from: from, to: to)
            #expect(test.filters.count == subset.nonzeroBitCount, "contacts: one pass for each filter present")
            Self.expectListedRowsPass(test, stretches, "contacts, filters \(subset)")
            Self.expectListedRowsPass(columns.online(test), stretches, "online contacts, filters \(subset)")
        }
        for subset in 0..<16 {
            let test = columns.requestTest(subset, from: from, to: to)
            #expect(test.filters.count == subset.nonzeroBitCount, "requests: one pass for each filter present")
            Self.expectListedRowsPass(test, stretches, "requests, filters \(subset)")
            Self.expectListedRowsPass(columns.online(test), stretches, "online requests, filters \(subset)")
            Self.expectListedRowsPass(columns.completed(test), stretches, "completed requests, filters \(subset)")
        }
        Self.expectListedRowsPass(columns.online(EveryRow()), stretches, "online, no filter")
        Self.expectListedRowsPass(columns.completed(EveryRow()), stretches, "completed, no filter")
        // The narrowed tests drop the rows without a customer and the ones not completed.
        var online: [Int] = []
        RowSelection.forEachRow(of: 0..<columns.count, passing: columns.online(EveryRow())) { online.append($0) }
        #expect(!online.isEmpty && online.allSatisfy { columns.customer[$0] >= 0 && columns.masks[5][Int(columns.channel[$0])] == 1 })
        #expect(online.count < (0..<columns.count).filter { columns.customer[$0] >= 0 }.count)
    }

    /// Stretches of every length up to three of the 128-row stretches counted in 8-bit counters, at offsets that do not
    /// line up with them, and one of 100,000 rows all equal (a counter would wrap past 255).
    @Test func countBytesEqualsAPlainCount() {
        let columns = Columns(count: 1_000, seed: 7)
        for start in [0, 1, 5, 127] {
            for length in 0...(3 * 128 + 1) where start + length <= columns.count {
                let rows = start..<(start + length)
                for value: UInt8 in [0, 2, 9] {
                    #expect(countBytes(columns.status, equalTo: value, in: rows) == rows.filter { columns.status[$0] == value }.count,
                            "rows \(rows), value \(value)")
                }
            }
        }
        let same = [UInt8](repeating: 3, count: 100_000)
        same.withUnsafeBufferPointer { same in
            #expect(countBytes(same.baseAddress!, equalTo: 3, in: 0..<100_000) == 100_000)
            #expect(countBytes(same.baseAddress!, equalTo: 4, in: 0..<100_000) == 0)
        }
    }

    /// The completed requests, those with a cost (a tenth are NaN), and the sums of the costs and their squares,
    /// against a loop in row order (the costs are eighths, so the sums are exact in any order).
    @Test func completedCostsEqualAPlainLoop() {
        let columns = Columns(count: 5_003, seed: 11)
        let completed = RequestTable.completed
        for rows in [0..<5_003, 1..<5_000, 3..<6, 7..<7, 2..<2_051] {
            var (seen, n, sum, squares) = (0, 0, 0.0, 0.0)
            for row in rows where columns.status[row] == completed {
                seen += 1
                let value = columns.cost[row]
                guard !value.isNaN else { continue }
                n += 1
                sum += value
                squares += value * value
            }
            let costs = CompletedCosts(status: columns.status, cost: columns.cost, rows: rows)
            #expect(costs.seen == seen && costs.n == n && costs.sum == sum && costs.squares == squares, "rows \(rows)")
            if rows.count > 1_000 { #expect(seen > n && n > 0, "some completed requests without a cost") }
        }
    }
}
