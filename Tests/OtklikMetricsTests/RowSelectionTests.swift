import Testing
@testable import OtklikMetrics

/// A block's passing rows listed one filter at a time (``MaskedRows/listPassing(_:into:marks:)``: each filter but the
/// last a pass of marks, the last fused with the listing) against each row tested on its own (``MaskedRows/weight(_:)``),
/// for every combination of the seven filters, over stretches that start and end inside blocks and span several.
@Suite struct RowSelectionTests {
    /// Random columns and masks, at stable addresses for the test's length.
    final class Columns {
        let count: Int
        let ts: UnsafeMutablePointer<Int64>
        let location, staff, service, customer: UnsafeMutablePointer<Int32>
        let channel, kind: UnsafeMutablePointer<UInt8>
        /// Masks over ids shifted by one (location, staff, service, customer) and over bytes (channel, kind).
        let masks: [UnsafeMutablePointer<UInt8>]
        private var state: UInt64

        init(count: Int, seed: UInt64) {
            self.count = count
            state = seed | 1
            ts = .allocate(capacity: count)
            (location, staff, service, customer) = (.allocate(capacity: count), .allocate(capacity: count), .allocate(capacity: count), .allocate(capacity: count))
            (channel, kind) = (.allocate(capacity: count), .allocate(capacity: count))
            masks = (0..<6).map { _ in .allocate(capacity: 256) }
            for row in 0..<count {
                ts[row] = Int64(row) * 1_000 + Int64(next(1_000))
                location[row] = Int32(next(201)) - 1
                staff[row] = Int32(next(256)) - 1
                service[row] = Int32(next(31)) - 1
                customer[row] = Int32(next(256)) - 1
                channel[row] = UInt8(next(6))
                kind[row] = UInt8(next(3))
            }
            for mask in masks {
                for code in 0..<256 { mask[code] = next(3) == 0 ? 0 : 1 }
            }
            for shifted in [0, 1, 2, 5] { masks[shifted][0] = 0 }
        }

        deinit {
            ts.deallocate()
            for column in [location, staff, service, customer] { column.deallocate() }
            channel.deallocate()
            kind.deallocate()
            for mask in masks { mask.deallocate() }
        }

        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }

        /// The test with the filters whose bits are set in `subset` (bit 0 the time range, then location, staff,
        /// service, channel, kind, customer).
        func test(_ subset: Int, from: Int64, to: Int64) -> MaskedRows {
            func on(_ bit: Int) -> Bool { subset & (1 << bit) != 0 }
            return MaskedRows(
                ts: on(0) ? UnsafePointer(ts) : nil, from: from, to: to,
                location: location, locationMask: on(1) ? UnsafePointer(masks[0]) : nil,
                staff: staff, staffMask: on(2) ? UnsafePointer(masks[1]) : nil,
                service: service, serviceMask: on(3) ? UnsafePointer(masks[2]) : nil,
                channel: channel, channelMask: on(4) ? UnsafePointer(masks[3]) : nil,
                kind: kind, kindMask: on(5) ? UnsafePointer(masks[4]) : nil,
                customer: customer, customerMask: on(6) ? UnsafePointer(masks[5]) : nil)
        }
    }

    @Test(arguments: [UInt64(1), 0x9E37_79B9_7F4A_7C15])
    func listedRowsAreTheRowsThatPass(seed: UInt64) {
        let columns = Columns(count: 3 * RowSelection.blockRows + 700, seed: seed)
        let stretches = [0..<columns.count, 17..<(2 * RowSelection.blockRows + 5), 100..<100, 5..<9]
        for subset in 0..<128 {
            let test = columns.test(subset, from: 1_000_000, to: 6_000_000)
            for stretch in stretches {
                var listed: [Int] = []
                RowSelection.forEachRow(of: stretch, passing: test) { listed.append($0) }
                let expected = stretch.filter { test.weight($0) != 0 }
                #expect(listed == expected, "filters \(subset), rows \(stretch)")
                if subset == 0 { #expect(listed == Array(stretch)) }
            }
        }
    }
}
