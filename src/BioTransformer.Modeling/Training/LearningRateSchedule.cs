namespace BioTransformer.Modeling.Training;

/// <summary>Linear warm-up then cosine decay: the schedule of BERT/GPT-style training, as a pure function.</summary>
public static class LearningRateSchedule
{
    /// <summary>
    /// Learning rate for 0-based <paramref name="step"/>: rises linearly to <paramref name="peak"/> over
    /// <paramref name="warmupSteps"/> steps (the first step already gets peak/warmup), then follows half a
    /// cosine down to <paramref name="minRatio"/>·peak at <paramref name="totalSteps"/>, and stays there.
    /// </summary>
    public static double At(long step, long totalSteps, long warmupSteps, double peak, double minRatio)
    {
        if (warmupSteps > 0 && step < warmupSteps) return peak * (step + 1) / warmupSteps;
        long decaySteps = Math.Max(1, totalSteps - warmupSteps);
        double progress = Math.Clamp((double)(step - warmupSteps) / decaySteps, 0.0, 1.0);
        double floor = peak * minRatio;
        return floor + (peak - floor) * 0.5 * (1 + Math.Cos(Math.PI * progress));
    }
}
