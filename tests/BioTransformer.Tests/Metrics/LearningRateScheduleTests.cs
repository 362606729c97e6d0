using BioTransformer.Modeling.Training;

namespace BioTransformer.Tests.Metrics;

public class LearningRateScheduleTests
{
    [Fact]
    public void WarmUp_RisesLinearlyToPeak()
    {
        Assert.Equal(0.25, LearningRateSchedule.At(0, 100, 4, 1.0, 0.0), 12);
        Assert.Equal(0.5, LearningRateSchedule.At(1, 100, 4, 1.0, 0.0), 12);
        Assert.Equal(1.0, LearningRateSchedule.At(3, 100, 4, 1.0, 0.0), 12);
    }

    [Fact]
    public void Decay_IsHalfCosineToTheFloor()
    {
        // after 10 warm-up steps, 90 decay steps: the middle is halfway between peak and floor.
        Assert.Equal(1.0, LearningRateSchedule.At(10, 100, 10, 1.0, 0.1), 12);
        Assert.Equal(0.55, LearningRateSchedule.At(55, 100, 10, 1.0, 0.1), 12);
        Assert.Equal(0.1, LearningRateSchedule.At(100, 100, 10, 1.0, 0.1), 12);
        Assert.Equal(0.1, LearningRateSchedule.At(250, 100, 10, 1.0, 0.1), 12);
    }

    [Fact]
    public void NoWarmUp_StartsAtPeak()
    {
        Assert.Equal(2e-3, LearningRateSchedule.At(0, 50, 0, 2e-3, 0.0), 15);
    }
}
