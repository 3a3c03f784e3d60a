/// Sufficient statistics of one group for every feedback metric: one scan fills it, any metric reads it.
public struct Tally: Sendable, Equatable {
    public var count = 0
    public var npsN = 0
    public var promoters = 0
    public var detractors = 0
    public var csatN = 0
    public var csatTop2 = 0
    public var cesN = 0
    public var cesSum = 0
    public var cesSumOfSquares = 0
    public var cesEasy = 0
    public var buttonN = 0
    public var buttonPositive = 0
    public var buttonNegative = 0

    public init() {}

    /// Counts one record. Scores use −1 for "absent"; button is 0 absent, 1 positive, 2 neutral, 3 negative.
    @inlinable
    public mutating func add(nps: Int8, csat: Int8, ces: Int8, button: UInt8) {
        count += 1
        if nps >= 0 {
            npsN += 1
            if nps >= 9 { promoters += 1 } else if nps <= 6 { detractors += 1 }
        }
        if csat >= 0 {
            csatN += 1
            if csat >= 4 { csatTop2 += 1 }
        }
        if ces >= 0 {
            let value = Int(ces)
            cesN += 1
            cesSum += value
            cesSumOfSquares += value * value
            if value >= 5 { cesEasy += 1 }
        }
        if button != 0 {
            buttonN += 1
            if button == 1 { buttonPositive += 1 } else if button == 3 { buttonNegative += 1 }
        }
    }

    public mutating func merge(_ other: Tally) {
        count += other.count
        npsN += other.npsN
        promoters += other.promoters
        detractors += other.detractors
        csatN += other.csatN
        csatTop2 += other.csatTop2
        cesN += other.cesN
        cesSum += other.cesSum
        cesSumOfSquares += other.cesSumOfSquares
        cesEasy += other.cesEasy
        buttonN += other.buttonN
        buttonPositive += other.buttonPositive
        buttonNegative += other.buttonNegative
    }
}
