import Testing
@testable import Avro

/// The frame storage of the coders' states.
@Suite struct OpenFramesTests {
    final class Marker {}

    @Test func framesGrowPastTheFirstCapacityAndCloseInnermostFirst() {
        let frames = OpenFrames<Int>()
        for value in 0..<100 { frames.append(value) }
        #expect(frames.count == 100)
        #expect(Array(frames) == Array(0..<100))
        frames[42] += 1000
        #expect(frames[42] == 1042)
        #expect(frames.removeLast() == 99)
        #expect(frames.removeLast() == 98)
        #expect(frames.count == 98)
        frames.removeAll()
        #expect(frames.isEmpty)
        frames.append(7)
        #expect(Array(frames) == [7])
    }

    @Test func closedFramesAndTheStorageReleaseWhatTheyHold() {
        weak var removedLast: Marker?
        weak var removedWithAll: Marker?
        weak var heldAtTheEnd: Marker?
        do {
            let frames = OpenFrames<Marker?>()
            for _ in 0..<40 { frames.append(Marker()) }
            removedWithAll = frames[3]
            removedLast = frames[39]
            frames.removeLast()
            #expect(removedLast == nil)
            frames.removeAll()
            #expect(removedWithAll == nil)
            frames.append(Marker())
            heldAtTheEnd = frames[0]
            #expect(heldAtTheEnd != nil)
        }
        #expect(heldAtTheEnd == nil)
    }
}
