/// Cost per service without dimensions or filters: over the completed requests, how many there are (`seen`), how many
/// have a cost (`n`, a missing one is NaN), and the sum of the costs and of their squares. Four rows at a time in
/// vectors of 64-bit lanes (the status bytes widened once, the comparisons as lane masks, the counts as lane
/// integers), so that no lane's result goes through a scalar register; in one loop over the rows with the counts in
/// `Int`s, each four rows' masks were moved out of the vector one at a time. The lanes are added at the end, so a sum
/// can differ from the one in row order in its last bits (as ``sumsInLanes(_:_:)`` says).
struct CompletedCosts {
    var seen = 0, n = 0
    var sum = 0.0, squares = 0.0

    init(status: UnsafePointer<UInt8>, cost: UnsafePointer<Double>, rows: Range<Int>) {
        let completed = SIMD4<Int64>(repeating: Int64(RequestTable.completed))
        var sums = SIMD4<Double>(repeating: 0), squareSums = SIMD4<Double>(repeating: 0)
        var seenLanes = SIMD4<Int64>(repeating: 0), knownLanes = SIMD4<Int64>(repeating: 0)
        let zero = SIMD4<Double>(repeating: 0), none = SIMD4<Int64>(repeating: 0), one = SIMD4<Int64>(repeating: 1)
        var row = rows.lowerBound
        while row &+ 4 <= rows.upperBound {
            let v = UnsafeRawPointer(cost + row).loadUnaligned(as: SIMD4<Double>.self)
            let s = SIMD4<Int64>(Int64(status[row]), Int64(status[row &+ 1]), Int64(status[row &+ 2]), Int64(status[row &+ 3]))
            let done = s .== completed
            let known = done .& (v .== v)
            let kept = zero.replacing(with: v, where: known)
            sums += kept
            squareSums += kept * kept
            seenLanes &+= none.replacing(with: one, where: done)
            knownLanes &+= none.replacing(with: one, where: known)
            row &+= 4
        }
        (sum, squares) = (sums.sum(), squareSums.sum())
        (seen, n) = (Int(seenLanes.wrappedSum()), Int(knownLanes.wrappedSum()))
        while row < rows.upperBound {
            let value = cost[row]
            if status[row] == RequestTable.completed {
                seen += 1
                if !value.isNaN {
                    n += 1
                    sum += value
                    squares += value * value
                }
            }
            row &+= 1
        }
    }
}
