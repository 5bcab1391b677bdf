// Strength training: the exercise catalogue and the training week against WHO 2020 and the guide.
export { trainingRouter } from "./training.handlers.js";
