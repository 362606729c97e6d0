using BioTransformer.Modeling.Backbone;

namespace BioTransformer.Modeling.Heads;

/// <summary>
/// The config record of a model with a task head, saved as model.json's "config": every such model sits on
/// the shared backbone, whose shape is checked before a saved model is built.
/// </summary>
public interface IModelConfig
{
    BackboneConfig Backbone { get; }
}
