/** A worker thread of the fixture apps that idles until its process ends. */
setInterval(() => {}, 1000);
