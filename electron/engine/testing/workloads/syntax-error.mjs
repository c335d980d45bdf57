// Not JavaScript at all: a workload file must be a module.
export default function (size) {
  return size +;
}
