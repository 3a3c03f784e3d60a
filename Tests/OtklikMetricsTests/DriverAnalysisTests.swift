import Testing
@testable import OtklikMetrics

/// Johnson's relative weights and the driver analysis against hand-computed cases (and NumPy for the 3-predictor one).
@Suite struct DriverAnalysisTests {
    @Test func jacobiDecomposesASymmetricMatrix() throws {
        let matrix = [[4.0, 1, 2], [1, 3, 0.5], [2, 0.5, 5]]
        let eigen = try #require(SymmetricEigen(matrix))
        for (value, expected) in zip(eigen.values, [6.83125443, 3.07222395, 2.09652162]) { #expect(abs(value - expected) < 1e-7) }
        for k in 0..<3 {
            for i in 0..<3 {
                let av = (0..<3).reduce(0.0) { $0 + matrix[i][$1] * eigen.vectors[$1][k] }
                #expect(abs(av - eigen.values[k] * eigen.vectors[i][k]) < 1e-10)
            }
        }
        let back = eigen.reconstructed { $0 }
        for i in 0..<3 { for j in 0..<3 { #expect(abs(back[i][j] - matrix[i][j]) < 1e-12) } }
    }

    @Test func uncorrelatedPredictorsWeighTheirSquaredCorrelations() throws {
        let solved = try #require(RelativeWeights(rxx: [[1, 0], [0, 1]], rxy: [0.3, 0.4]))
        #expect(abs(solved.weights[0] - 0.09) < 1e-12)
        #expect(abs(solved.weights[1] - 0.16) < 1e-12)
        #expect(abs(solved.r2 - 0.25) < 1e-12)
    }

    static let x: [[Double]] = [[1, 2, 3], [2, 1, 5], [3, 4, 4], [4, 3, 7], [5, 6, 5], [6, 5, 8], [7, 8, 6], [8, 6, 9], [2, 5, 2], [6, 2, 6]]
    static let y: [Double] = [2, 3, 5, 6, 6, 8, 9, 10, 4, 5]

    @Test func threePredictorsSumToTheRSquaredOfOLS() throws {
        var values: [Double?] = Self.y
        values.append(nil)  // an incomplete row, dropped
        let factors = ["a", "b", "c"].enumerated().map { index, name in
            (name: name, values: Self.x.map { Optional($0[index]) } + [7.0])
        }
        let analysis = try DriverAnalysis(target: "y", values: values, factors: factors)
        #expect(analysis.n == 10)
        #expect(analysis.dropped == 1)
        // R² of OLS with intercept, from NumPy's lstsq: 0.9825690290487209
        let r2 = try #require(analysis.r2)
        #expect(abs(r2 - 0.9825690290487209) < 1e-10)
        #expect(abs(analysis.drivers.reduce(0) { $0 + $1.weight } - r2) < 1e-12)
        #expect(abs(analysis.drivers.reduce(0) { $0 + $1.share } - 1) < 1e-12)
        #expect(analysis.drivers.map(\.factor) == ["b", "a", "c"])
        let expected = ["a": 0.32129387, "b": 0.34181919, "c": 0.31945596]
        for driver in analysis.drivers { #expect(abs(driver.weight - expected[driver.factor]!) < 1e-8) }
        #expect(abs(analysis.drivers.first { $0.factor == "a" }!.mean - 4.4) < 1e-12)
    }

    @Test func correlationMethodGivesPearsonR() throws {
        let factors = ["a", "b", "c"].enumerated().map { index, name in (name: name, values: Self.x.map { Optional($0[index]) }) }
        let analysis = try DriverAnalysis(target: "y", values: Self.y, factors: factors, method: .correlation)
        #expect(analysis.drivers.map(\.factor) == ["a", "c", "b"])
        #expect(abs(analysis.drivers[0].weight - 0.92688385) < 1e-8)
        #expect(abs(analysis.drivers.reduce(0) { $0 + $1.share } - 1) < 1e-12)
    }

    @Test func singularAndDegenerateInputsAreRefused() {
        let a: [Double?] = [1, 2, 3, 4, 5, 6], b: [Double?] = [2, 1, 4, 3, 6, 5]
        let sum: [Double?] = zip(a, b).map { $0! + $1! }
        let y: [Double?] = [1, 3, 2, 5, 4, 6]
        #expect(throws: DriverAnalysisError.singularCorrelationMatrix) {
            try DriverAnalysis(target: "y", values: y, factors: [("a", a), ("b", b), ("sum", sum)])
        }
        #expect(throws: DriverAnalysisError.tooFewRows(complete: 3, needed: 4)) {
            try DriverAnalysis(target: "y", values: [1, 2, 3, nil, nil, nil], factors: [("a", a), ("b", b)])
        }
        #expect(throws: DriverAnalysisError.constantColumn("c")) {
            try DriverAnalysis(target: "y", values: y, factors: [("a", a), ("c", [1, 1, 1, 1, 1, 1])])
        }
    }

    @Test func importancePerformanceQuadrants() throws {
        let matrix = try #require(ImportancePerformance([("food", 0.3, 8), ("service", 0.4, 7), ("interior", 0.1, 9), ("price", 0.2, 6)]))
        #expect(abs(matrix.importanceMean - 0.25) < 1e-12)
        #expect(abs(matrix.performanceMean - 7.5) < 1e-12)
        #expect(matrix.points.map(\.quadrant) == [.keepUpTheGoodWork, .concentrateHere, .possibleOverkill, .lowPriority])
    }
}
