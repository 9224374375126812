package lab.mnist.train.config;

import lab.mnist.train.config.Sections.Augmentation;
import lab.mnist.train.config.Sections.Data;
import lab.mnist.train.config.Sections.Model;
import lab.mnist.train.config.Sections.Optimizer;
import lab.mnist.train.config.Sections.Output;
import lab.mnist.train.config.Sections.Reference;
import lab.mnist.train.config.Sections.Schedule;
import lab.mnist.train.config.Sections.Train;

/**
 * A whole run as an experiment file describes it. Missing sections take their defaults, so
 * {@code name: x} alone is a valid experiment (LeNet-5, Adam, 3 epochs).
 */
public record Experiment(String name, Long seed, String description, Data data, Model model, Optimizer optimizer,
                         Schedule schedule, Train train, Augmentation augmentation, Output output,
                         Reference reference) {
    public Experiment {
        name = name == null ? "experiment" : name;
        seed = seed == null ? 42L : seed;
        Sections.check(!name.isBlank() && name.matches("[A-Za-z0-9._-]+"), "name",
                "must be letters, digits, '.', '_' or '-' (it names the run folder), got '" + name + "'");
        data = data == null ? new Data(null, null, null, null, null, null, null, null, null, null, null) : data;
        model = model == null ? new Model(null, null, null, null, null, null, null) : model;
        optimizer = optimizer == null ? new Optimizer(null, null, null, null, null, null, null) : optimizer;
        schedule = schedule == null ? new Schedule(null, null, null, null, null) : schedule;
        train = train == null ? new Train(null, null, null, null, null, null, null, null, null, null) : train;
        augmentation = augmentation == null ? new Augmentation(null, null, null, null, null) : augmentation;
        output = output == null ? new Output(null) : output;
    }
}
