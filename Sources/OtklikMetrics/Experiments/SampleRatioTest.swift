import Foundation

/// The sample-ratio-mismatch alarm: a χ² goodness-of-fit test (1 degree of freedom) of the arms' counts against
/// the planned allocation; p = erfc(√(χ²/2)). An alarm below p = 0.001 (Kohavi, Tang & Xu 2020, ch. 21).
enum SampleRatioTest {
    static let alarm = 0.001

    static func test(control: Int, treatment: Int, controlShare: Double) -> ExperimentResult.SampleRatio {
        let total = Double(control + treatment)
        let expectedControl = total * controlShare, expectedTreatment = total * (1 - controlShare)
        var chiSquare = 0.0
        if expectedControl > 0 { chiSquare += pow(Double(control) - expectedControl, 2) / expectedControl }
        if expectedTreatment > 0 { chiSquare += pow(Double(treatment) - expectedTreatment, 2) / expectedTreatment }
        let p = erfc((chiSquare / 2).squareRoot())
        return .init(expected: .init(control: expectedControl, treatment: expectedTreatment), pValue: p, mismatch: p < alarm)
    }
}
