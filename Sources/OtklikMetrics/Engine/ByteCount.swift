/// The rows of `rows` whose byte in `column` equals `value`. Counted in an 8-bit counter over stretches of 128 rows,
/// each stretch a plain loop over a pointer and a count, so that the compiler compares and adds 16 rows in one vector
/// instruction each (an `Int` counter a row took 64-bit lanes: two rows an instruction and three shuffles to widen each
/// comparison; the same stretches as a `for` over a range of rows were left one row at a time, with a branch a row).
@inline(__always)
func countBytes(_ column: UnsafePointer<UInt8>, equalTo value: UInt8, in rows: Range<Int>) -> Int {
    var total = 0
    var start = rows.lowerBound
    while start < rows.upperBound {
        let length = min(128, rows.upperBound &- start)
        let stretch = column + start
        var count: UInt8 = 0
        var i = 0
        while i < length {
            count &+= stretch[i] == value ? 1 : 0
            i &+= 1
        }
        total &+= Int(count)
        start &+= length
    }
    return total
}
