namespace BioTransformer.Modeling.Heads;

/// <summary>Kind of property prediction.</summary>
public enum PropertyTask
{
    /// <summary>Real-valued targets; trained with mean squared error on standardised values.</summary>
    Regression,

    /// <summary>Binary targets (0/1); trained with binary cross-entropy on logits.</summary>
    Classification,
}
